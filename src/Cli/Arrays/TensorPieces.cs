using System.Buffers;

namespace Checkpoint.Cli.Arrays;

/// <summary>
/// Reads the bytes of an array leaf in bounded pieces, whether it is in memory or still in its file
/// (<see cref="TensorNode.ReadBytes"/>): hashing, checking and comparing arrays of any size costs one piece of memory.
/// </summary>
internal static class TensorPieces
{
    /// <summary>The largest piece read at once.</summary>
    public const int PieceLength = 1 << 20;

    /// <summary>Calls <paramref name="piece"/> with every piece of the array's bytes and its offset, in order.</summary>
    public static void ForEach(TensorNode tensor, SpanReader piece, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(tensor.ByteLength, 1, PieceLength));
        try
        {
            for (long offset = 0; offset < tensor.ByteLength;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, tensor.ByteLength - offset));
                tensor.ReadBytes(offset, span);
                piece(offset, span);
                offset += span.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The number of elements of the array (from its shape, so a lazy leaf is not read).</summary>
    public static long ElementCount(TensorNode tensor) => TensorShape.ElementCountLong(tensor.Shape);
}
