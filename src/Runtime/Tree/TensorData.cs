namespace Checkpoint;

/// <summary>
/// The bytes of an array that stay in their file until they are asked for: what a lazy <see cref="TensorNode"/>
/// reads from. Each format reader has its own (a range of a file, the chunks of a chunked array, a compressed
/// archive member). Reads are C order, little-endian, exactly the layout of <see cref="NdArrayBytes.AsBytes"/>.
/// </summary>
/// <remarks>
/// The data is readable as long as whatever opened the file is open; reads after that throw a
/// <see cref="CheckpointException"/> naming the file. Implementations are safe to call from several threads.
/// </remarks>
public abstract class TensorData
{
    /// <summary>Creates the data of <paramref name="byteLength"/> bytes.</summary>
    protected TensorData(long byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        ByteLength = byteLength;
    }

    /// <summary>The number of bytes.</summary>
    public long ByteLength { get; }

    /// <summary>Where the bytes are, for messages (<c>model.msgpack, bytes 120-4215</c>).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// Reads bytes <paramref name="offset"/> to <c>offset + destination.Length</c> into <paramref name="destination"/>.
    /// Reading in increasing offsets is always efficient; formats that cannot seek (compressed members) restart for
    /// a read that goes backwards.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the data.</exception>
    /// <exception cref="CheckpointException">The file could not be read (closed, or changed since it was opened).</exception>
    public abstract void Read(long offset, Span<byte> destination);

    /// <summary>Copies all bytes into <paramref name="destination"/> (of exactly <see cref="ByteLength"/> bytes), piece by piece.</summary>
    /// <exception cref="ArgumentException">The destination's byte length differs.</exception>
    public void CopyTo(INdArray destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.ByteLength != ByteLength)
            throw new ArgumentException($"Cannot read {ByteLength} bytes into a tensor of {destination.ByteLength}.", nameof(destination));
        ReadInto(0, destination);
    }

    /// <summary>Reads bytes <paramref name="start"/> to <c>start + destination.ByteLength</c> into <paramref name="destination"/>, piece by piece.</summary>
    internal void ReadInto(long start, INdArray destination)
    {
        var length = destination.ByteLength;
        for (long offset = 0; offset < length;)
        {
            var piece = destination.GetBytes(offset, int.MaxValue);
            Read(start + offset, piece);
            offset += piece.Length;
        }
    }

    /// <summary>Throws unless <paramref name="offset"/> and <paramref name="length"/> lie within the data.</summary>
    protected void CheckRange(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset > ByteLength - length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Bytes {offset}..{offset + length} are outside the {ByteLength} bytes of {Location}.");
    }
}
