using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Storage.Tests.Checkpoints;

/// <summary>
/// One rank of a sharded save in its own process (tests/ManagerCrashChild in its shard mode), whose output lines are
/// collected: <c>restored k</c>, <c>saved k</c>, <c>failed k: why</c>, <c>mixed k</c> (a restore that found two saves mixed).
/// </summary>
internal sealed class RankProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _saves;

    private RankProcess(Process process, int rank)
    {
        _process = process;
        Rank = rank;
    }

    public int Rank { get; }

    /// <summary>How many steps this rank reported saved.</summary>
    public int Saves => Volatile.Read(ref _saves);

    public IEnumerable<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    public static RankProcess Start(string location, int rank, int worldSize, int elements, int timeoutMs, int leaseSeconds)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Runtime.Tests.Management.ChildProcesses.Dll("ManagerCrashChild"), "shard", location, I(rank), I(worldSize), I(elements), I(timeoutMs), I(leaseSeconds) })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        var rankProcess = new RankProcess(process, rank);
        process.OutputDataReceived += (_, e) => rankProcess.Received(e.Data);
        process.ErrorDataReceived += (_, e) => rankProcess.Received(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return rankProcess;
    }

    /// <summary>Waits until this rank has reported more than <paramref name="saves"/> saves; false if it died or time ran out.</summary>
    public async Task<bool> WaitForSavesAsync(int saves, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Saves <= saves)
        {
            if (HasExited || DateTime.UtcNow > deadline) return false;
            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public string Describe()
    {
        // An unhandled exception's first line says what it was; the last lines say what the rank did last.
        var crash = _lines.FirstOrDefault(l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        var exit = HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running";
        return $"rank {Rank} (exit {exit}): {(crash is null ? "" : crash + " ... ")}{string.Join(" | ", _lines.TakeLast(6))}";
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        if (line.StartsWith("saved ", StringComparison.Ordinal)) Interlocked.Increment(ref _saves);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
