namespace Checkpoint.Formats;

/// <summary>An array stored in pieces (the chunks of a chunked msgpack array): consecutive runs of another source.</summary>
internal sealed class SegmentedBytes : TensorData
{
    private readonly TensorData _source;
    private readonly long[] _offsets;
    private readonly long[] _lengths;
    private readonly long[] _starts;

    public SegmentedBytes(TensorData source, IReadOnlyList<(long Offset, long Length)> segments)
        : base(segments.Sum(s => s.Length))
    {
        _source = source;
        _offsets = segments.Select(s => s.Offset).ToArray();
        _lengths = segments.Select(s => s.Length).ToArray();
        _starts = new long[segments.Count];
        for (var i = 1; i < _starts.Length; i++) _starts[i] = _starts[i - 1] + _lengths[i - 1];
    }

    public override string Location => _source.Location;

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        var segment = Array.BinarySearch(_starts, offset);
        if (segment < 0) segment = ~segment - 1;
        while (!destination.IsEmpty)
        {
            var within = offset - _starts[segment];
            var take = (int)Math.Min(destination.Length, _lengths[segment] - within);
            _source.Read(_offsets[segment] + within, destination[..take]);
            destination = destination[take..];
            offset += take;
            segment++;
        }
    }
}
