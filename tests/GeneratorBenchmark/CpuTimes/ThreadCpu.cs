using System.Runtime.InteropServices;

namespace Checkpoint.GeneratorBenchmark;

/// <summary>
/// CPU time of the calling thread (Linux): unlike wall time it does not grow when other processes share the cores,
/// so single-threaded work can be compared on a busy machine.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Milliseconds()
    {
        if (clock_gettime(ClockThreadCpuTimeId, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }

    /// <summary>Runs <paramref name="work"/> <paramref name="rounds"/> times after one warm-up and returns the median milliseconds.</summary>
    public static double Median(int rounds, Action work)
    {
        work();
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var start = Milliseconds();
            work();
            times.Add(Milliseconds() - start);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out Timespec time);
}
