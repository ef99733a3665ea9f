using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Benchmarks.SideBySide;

/// <summary>One measured operation: its median time over repetitions, what one run allocates, and its peak extra memory.</summary>
/// <remarks>The CPU time (all threads of the process) is the steadier figure on a shared machine: other processes
/// stretch the wall time, not the work done. A paired measurement also carries the median of the per-pair ratios
/// of the operation to its limit (<see cref="PairedRatio"/>; NaN otherwise).</remarks>
internal sealed record Measurement(string Name, double MedianMs, double MedianCpuMs, long AllocatedBytes, long PeakExtraBytes, double PairedRatio = double.NaN)
{
    public string ToLine() => string.Join('\t', Name, MedianMs.ToString("R", CultureInfo.InvariantCulture),
        MedianCpuMs.ToString("R", CultureInfo.InvariantCulture), AllocatedBytes, PeakExtraBytes, PairedRatio.ToString("R", CultureInfo.InvariantCulture));

    public static Measurement Parse(string line)
    {
        var parts = line.Split('\t');
        return new Measurement(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture),
            // The Python children print no paired ratio.
            parts.Length > 5 ? double.Parse(parts[5], CultureInfo.InvariantCulture) : double.NaN);
    }
}

/// <summary>
/// Times an operation the way the issue measured it, but in one process per operation so operations do not
/// share heaps: warm-up runs (at least three and 1.5 s), then <c>repetitions</c> timed runs (median), the allocation of one run
/// (exact, from the GC), and the peak resident memory of one run above what was resident before it (Linux:
/// the high-water mark is reset through /proc/self/clear_refs before the run).
/// </summary>
internal static class Measure
{
    public static Measurement Run(string name, int repetitions, Action operation, Action? between = null)
    {
        // Warm: enough runs for tiered compilation to finish optimising the hot methods (it promotes a method after
        // 30 calls and compiles in the background), the way a training loop's hundredth save runs.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warm.ElapsedMilliseconds < 1500; i++)
        {
            operation();
            between?.Invoke();
        }

        var times = new List<double>();
        var cpu = new List<double>();
        // The garbage collector's share of each run (pause time and collections), for the log line only.
        var pauses = new List<double>();
        var collections = 0;
        for (var i = 0; i < repetitions; i++)
        {
            var pauseBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            var (wallMs, cpuMs) = Time(operation);
            pauses.Add((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
            collections += GC.CollectionCount(0) - collectionsBefore;
            cpu.Add(cpuMs);
            times.Add(wallMs);
            between?.Invoke();
        }

        Console.Error.WriteLine(
            $"{name}: wall {string.Join(", ", times.Select(t => t.ToString("0")))} ms; CPU {string.Join(", ", cpu.Select(t => t.ToString("0")))} ms; " +
            $"GC pause median {Median([.. pauses]):0.0} ms, {collections / (double)repetitions:0.00} collections per run");

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var baseResident = ResetPeak();
        operation();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var peak = ReadStatus("VmHWM:") - baseResident;
        between?.Invoke();
        return new Measurement(name, Median(times), Median(cpu), allocated, Math.Max(0, peak));
    }

    /// <summary>
    /// The operation and its physical limit timed in turns in one process (the limit first in the first pair, then
    /// alternating which goes first), so both meet the same moments of a shared machine and disk: the result is the
    /// operation's measurement plus the median of the <paramref name="pairs"/> ratios operation ÷ limit, which
    /// stays put where medians taken minutes apart drift with the machine's load.
    /// </summary>
    public static Measurement Paired(string name, int pairs, Action operation, Action limit, Action? between = null)
    {
        var ratios = new List<double>();
        var ours = new List<double>();
        var ourCpu = new List<double>();
        var theirs = new List<double>();
        // One timed run of either side, then what the scenario does between runs (outside the timing).
        double Timed(Action action, List<double>? cpuTimes = null)
        {
            var (wallMs, cpuMs) = Time(action);
            cpuTimes?.Add(cpuMs);
            between?.Invoke();
            return wallMs;
        }

        // Warm both, as Run does.
        for (var i = 0; i < 3; i++)
        {
            Timed(limit);
            Timed(operation);
        }

        for (var i = 0; i < pairs; i++)
        {
            double mine, limitMs;
            if (i % 2 == 0)
            {
                limitMs = Timed(limit);
                mine = Timed(operation, ourCpu);
            }
            else
            {
                mine = Timed(operation, ourCpu);
                limitMs = Timed(limit);
            }

            ours.Add(mine);
            theirs.Add(limitMs);
            ratios.Add(mine / limitMs);
        }

        Console.Error.WriteLine(
            $"{name}: pairs (ours / limit, ms) {string.Join(", ", ours.Zip(theirs, (a, b) => $"{a:0}/{b:0}"))}; ratio median {Median([.. ratios]):0.00}");
        return new Measurement(name, Median(ours), Median(ourCpu), 0, 0, Median(ratios));
    }

    /// <summary>The wall and CPU time (all threads of the process) of one run of <paramref name="operation"/>, in milliseconds.</summary>
    private static (double WallMs, double CpuMs) Time(Action operation)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        operation();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>Resets the resident high-water mark and returns the resident size now (bytes; 0 where unsupported).</summary>
    private static long ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return ReadStatus("VmRSS:");
    }

    private static long ReadStatus(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
