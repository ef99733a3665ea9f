using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Checkpoint.Benchmarks.SideBySide;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- side-by-side [scenario ...]</c>: runs every scenario in a
/// process of its own (this program with <c>measure NAME DIR</c>) and prints one table with each operation next
/// to the limit it is compared with and the issue's target.
/// </summary>
internal static class Runner
{
    private const double MiB = 1024 * 1024;
    private const double StateBytes = Scenarios.WideLayers * 16 * 4;

    public static int Run(string[] args)
    {
        if (args is ["loop", var looped, var seconds])
        {
            // For profilers: the scenario's operation over and over for a while.
            var loopDirectory = Directory.CreateTempSubdirectory("checkpoint-loop-").FullName;
            var until = DateTime.UtcNow.AddSeconds(double.Parse(seconds, CultureInfo.InvariantCulture));
            while (DateTime.UtcNow < until) Scenarios.Run(looped, loopDirectory);
            return 0;
        }

        if (args is ["measure", var measured, var workDirectory])
        {
            Console.WriteLine(Scenarios.Run(measured, workDirectory).ToLine() + "\t" + Scenarios.FileSize(measured, workDirectory));
            return 0;
        }

        var selected = args.Length > 0 ? args : [.. Scenarios.All, .. PythonScenarios.All];
        var results = new Dictionary<string, (Measurement M, long FileSize)>();
        string? pythonNote = null, pythonMissing = null;
        var pythonChecked = false;
        foreach (var name in selected)
        {
            if (PythonScenarios.IsPython(name))
            {
                if (!pythonChecked) (pythonMissing, pythonChecked) = (PythonScenarios.Unavailable(out pythonNote), true);
                if (pythonMissing is not null)
                {
                    Console.Error.WriteLine($"skipping {name}: {pythonMissing}");
                    continue;
                }
            }

            var directory = Directory.CreateTempSubdirectory("checkpoint-sbs-").FullName;
            try
            {
                Console.Error.WriteLine($"measuring {name} ...");
                results[name] = PythonScenarios.IsPython(name) ? PythonScenarios.RunChild(name, directory) : RunChild(name, directory);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        Console.WriteLine(Table(results));
        if (pythonMissing is not null) Console.WriteLine($"Python scenarios skipped: {pythonMissing}.");
        else if (pythonNote is not null) Console.WriteLine(pythonNote + ".");
        return 0;
    }

    private static (Measurement, long) RunChild(string name, string directory)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet run` the process is the app host or `dotnet app.dll`: call it the same way.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(Runner).Assembly.Location);
        foreach (var arg in new[] { "measure", name, directory }) info.ArgumentList.Add(arg);
        return Launch(name, info);
    }

    /// <summary>Runs a child that prints its <see cref="Measurement"/> line and the file size as its last line.</summary>
    internal static (Measurement, long) Launch(string name, ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{name} failed (exit {process.ExitCode}).");
        var line = output.Split('\t');
        // The measurement's fields, then the file size last.
        return (Measurement.Parse(string.Join('\t', line[..^1])), long.Parse(line[^1], CultureInfo.InvariantCulture));
    }

    private static string Table(Dictionary<string, (Measurement M, long FileSize)> r)
    {
        var text = new StringBuilder();
        text.AppendLine("| Operation | Median wall | Median CPU | Allocated | Peak extra | Compared with | Ratio (wall) | Target |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|---|");
        void Row(string name, string? against, string target, Func<Measurement, Measurement?, string>? ratio = null)
        {
            if (!r.TryGetValue(name, out var x)) return;
            var other = against is not null && r.TryGetValue(against, out var y) ? y.M : null;
            var ratioText = ratio?.Invoke(x.M, other) ?? (other is null ? "" : (x.M.MedianMs / other.MedianMs).ToString("0.00", CultureInfo.InvariantCulture) + "×");
            // Python has no allocation counter: its children print -1.
            var allocated = x.M.AllocatedBytes < 0 ? "—" : $"{x.M.AllocatedBytes / MiB:0.0} MiB";
            text.AppendLine($"| {name} | {x.M.MedianMs:0.0} ms | {x.M.MedianCpuMs:0.0} ms | {allocated} | {x.M.PeakExtraBytes / MiB:0.0} MiB | {against ?? ""} | {ratioText} | {target} |");
        }

        Row("wide.states", null, "≤ 10 ms");
        Row("wide.save", null, $"≤ 50 ms, peak ≤ {(2 * StateBytes + 16 * MiB) / MiB:0.0} MiB");
        Row("wide.load", null, $"≤ 50 ms, peak ≤ {(2 * StateBytes + 16 * MiB) / MiB:0.0} MiB");
        Row("tree.save", "wide.save", "≤ 1.5× wide.save");
        Row("tree.load", "wide.load", "≤ 1.5× wide.load");
        Row("raw.write+fsync", null, "the limit");
        Row("big.save", "raw.write+fsync", "≤ 1.05×, peak ≤ 16 MiB");
        Row("raw.read", null, "the limit");
        Row("big.load", "raw.read", "≤ 1.1×, peak ≤ 16 MiB");
        Row("memcpy", null, "the limit");
        Row("async.blocking", "memcpy", "≤ 1.2×");
        foreach (var (paired, limit, target) in Scenarios.PairedRows)
        {
            if (!r.TryGetValue(paired, out var p)) continue;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {paired} (in turns) | {p.M.MedianMs:0.0} ms | {p.M.MedianCpuMs:0.0} ms | | | {limit}, in turns | {p.M.PairedRatio:0.00}× (median of pairs) | {target} |"));
        }

        foreach (var (python, csharp) in PythonScenarios.Pairs)
            Row(python, csharp, "C# ÷ Python", (py, cs) => cs is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{cs.MedianMs / py.MedianMs:0.00}× (CPU {cs.MedianCpuMs / py.MedianCpuMs:0.00}×)"));
        foreach (var name in new[] { "hostile.keys", "hostile.deep", "hostile.empty-maps" })
        {
            if (!r.TryGetValue(name, out var h)) continue;
            var limit = 16.0 * h.FileSize + 16 * MiB;
            text.AppendLine($"| {name} ({h.FileSize / MiB:0.00} MiB file) | {h.M.MedianMs:0.0} ms | {h.M.MedianCpuMs:0.0} ms | {h.M.AllocatedBytes / MiB:0.0} MiB | {h.M.PeakExtraBytes / MiB:0.0} MiB | 16 × file + 16 MiB = {limit / MiB:0.0} MiB | {h.M.AllocatedBytes / limit:0.00} | allocated ≤ limit |");
        }

        return text.ToString();
    }
}
