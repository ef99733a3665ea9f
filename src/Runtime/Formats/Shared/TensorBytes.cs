using System.Buffers;

namespace Checkpoint.Formats;

/// <summary>
/// Streams the bytes of a tensor leaf into an output in bounded pieces, whether the leaf is in memory or still
/// in a file, so converting between formats never holds a whole array (let alone a whole file) twice.
/// </summary>
internal static class TensorBytes
{
    /// <summary>The most bytes handled at once.</summary>
    public const int PieceLength = 1 << 20;

    /// <summary>Writes all bytes of <paramref name="node"/> (C order, little-endian) to <paramref name="output"/>.</summary>
    public static void WriteTo(TensorNode node, Stream output, WriteProgress progress, CancellationToken cancellationToken)
    {
        if (node.Data is not null && !node.IsLoaded)
        {
            // The leaf's own range: a msgpack leaf shares its file's data with every other leaf (from DataOffset on).
            var length = node.ByteLength;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(PieceLength, Math.Max(1, length)));
            try
            {
                for (long offset = 0; offset < length;)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var piece = buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - offset));
                    node.ReadBytes(offset, piece);
                    output.Write(piece);
                    offset += piece.Length;
                    progress.Add(piece.Length);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        node.Tensor.ForEachPiece((_, piece) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.Write(piece);
            progress.Add(piece.Length);
        }, PieceLength);
    }
}

/// <summary>Counts bytes written and reports the running total to an optional <see cref="IProgress{T}"/>.</summary>
internal sealed class WriteProgress(IProgress<long>? progress)
{
    /// <summary>The bytes counted so far.</summary>
    public long Total { get; private set; }

    /// <summary>Counts <paramref name="bytes"/> more and reports the total.</summary>
    public void Add(long bytes)
    {
        Total += bytes;
        progress?.Report(Total);
    }
}
