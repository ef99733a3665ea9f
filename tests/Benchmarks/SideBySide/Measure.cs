using System.Diagnostics;
using System.Globalization;

namespace Checkpoint.Benchmarks.SideBySide;

/// <summary>One measured operation: its median time over repetitions, what one run allocates, and its peak extra memory.</summary>
/// <remarks>The CPU time (all threads of the process) is the steadier figure on a shared machine: other processes
/// stretch the wall time, not the work done.</remarks>
internal sealed record Measurement(string Name, double MedianMs, double MedianCpuMs, long AllocatedBytes, long PeakExtraBytes)
{
    public string ToLine() => string.Join('\t', Name, MedianMs.ToString("R", CultureInfo.InvariantCulture),
        MedianCpuMs.ToString("R", CultureInfo.InvariantCulture), AllocatedBytes, PeakExtraBytes);

    public static Measurement Parse(string line)
    {
        var parts = line.Split('\t');
        return new Measurement(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture));
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
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var pauseBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            operation();
            watch.Stop();
            pauses.Add((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
            collections += GC.CollectionCount(0) - collectionsBefore;
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            times.Add(watch.Elapsed.TotalMilliseconds);
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
