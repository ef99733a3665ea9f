using System.Buffers;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The writer's side of a stream: headers collect in a small buffer that is flushed before large raw data,
/// which goes from the caller's span straight to the stream. Counts bytes for progress reports.
/// </summary>
internal sealed class MsgPackOutput(Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
{
    private const int FlushThreshold = 64 * 1024;

    // Raw data smaller than this is copied into the header buffer: fewer, larger stream writes.
    private const int DirectWriteThreshold = 16 * 1024;

    // Large data is written in slices so cancellation and progress are seen during a multi-gigabyte array.
    private const int SliceBytes = 16 * 1024 * 1024;

    // Lazy arrays of another file are copied through a buffer of this size (a conversion never holds a whole array).
    private const int CopyBufferBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> _pending = new(FlushThreshold + 1024);

    /// <summary>The total number of bytes handed to the stream or buffered.</summary>
    public long Position { get; private set; }

    private long _reported = -1;

    /// <summary>Where headers are encoded.</summary>
    public IBufferWriter<byte> Headers => _pending;

    /// <summary>Call after encoding headers: flushes when enough has collected.</summary>
    public void Commit()
    {
        if (_pending.WrittenCount >= FlushThreshold) Flush();
    }

    /// <summary>Writes raw bytes (array data, bin bodies) after what is buffered.</summary>
    public void WriteRaw(ReadOnlySpan<byte> data)
    {
        if (data.Length < DirectWriteThreshold)
        {
            _pending.Write(data);
            Commit();
            return;
        }

        Flush();
        while (!data.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var slice = data[..Math.Min(data.Length, SliceBytes)];
            destination.Write(slice);
            Position += slice.Length;
            data = data[slice.Length..];
            Report();
        }
    }

    /// <summary>
    /// Writes bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of an array:
    /// from its memory piece by piece, or, for a lazy leaf of another file, read in bounded pieces through a buffer.
    /// </summary>
    public void WriteRaw(TensorNode tensor, long start, long length)
    {
        if (length < DirectWriteThreshold)
        {
            var span = _pending.GetSpan((int)length)[..(int)length];
            tensor.ReadBytes(start, span);
            _pending.Advance((int)length);
            Commit();
            return;
        }

        if (tensor.IsLoaded || tensor.Data is null)
        {
            var memory = tensor.Tensor;
            for (var offset = start; offset < start + length;)
            {
                var piece = memory.GetBytes(offset, (int)Math.Min(int.MaxValue, start + length - offset));
                WriteRaw(piece);
                offset += piece.Length;
            }

            return;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(length, CopyBufferBytes));
        try
        {
            for (var offset = start; offset < start + length;)
            {
                var piece = buffer.AsSpan(0, (int)Math.Min(buffer.Length, start + length - offset));
                tensor.ReadBytes(offset, piece);
                WriteRaw(piece);
                offset += piece.Length;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands everything buffered to the stream.</summary>
    public void Flush()
    {
        if (_pending.WrittenCount == 0) return;
        destination.Write(_pending.WrittenSpan);
        Position += _pending.WrittenCount;
        _pending.Clear();
        Report();
    }

    private void Report()
    {
        if (progress is null || _reported == Position) return;
        _reported = Position;
        progress.Report(Position);
    }
}
