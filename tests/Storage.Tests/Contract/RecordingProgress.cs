namespace Checkpoint.Storage.Tests.Contract;

/// <summary>Records every report synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
internal sealed class RecordingProgress : IProgress<long>
{
    private readonly List<long> _reports = [];

    public IReadOnlyList<long> Reports
    {
        get
        {
            lock (_reports) return [.. _reports];
        }
    }

    public void Report(long value)
    {
        lock (_reports) _reports.Add(value);
    }
}
