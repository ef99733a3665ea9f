namespace Checkpoint;

/// <summary>Piecewise byte access to any <see cref="INdArray"/>: whole spans where they fit, copies of any size.</summary>
public static class NdArrayBytes
{
    /// <summary>
    /// All element bytes as one span. Works for every tensor whose storage is contiguous and at most 2^31 - 1
    /// bytes; larger tensors are read in pieces with <see cref="INdArray.GetBytes"/> or the copy helpers here.
    /// </summary>
    /// <exception cref="NotSupportedException">The storage is larger than one span can hold, or not contiguous.</exception>
    public static Span<byte> AsBytes(this INdArray tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ByteLength == 0) return [];
        if (tensor.ByteLength <= int.MaxValue)
        {
            var whole = tensor.GetBytes(0, (int)tensor.ByteLength);
            if (whole.Length == tensor.ByteLength) return whole;
        }

        throw new NotSupportedException(
            $"The {tensor.DType.NumpyName()}{TensorShape.Format(tensor.Shape)} tensor holds {tensor.ByteLength} bytes, " +
            "more than one span can hold or not contiguous; read it in pieces with GetBytes.");
    }

    /// <summary>Copies all bytes of <paramref name="source"/> into <paramref name="destination"/> (same byte length), piece by piece.</summary>
    /// <exception cref="ArgumentException">The byte lengths differ.</exception>
    public static void CopyBytesTo(this INdArray source, INdArray destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.ByteLength != destination.ByteLength)
            throw new ArgumentException($"Cannot copy {source.ByteLength} bytes into a tensor of {destination.ByteLength}.", nameof(destination));
        for (long offset = 0; offset < source.ByteLength;)
        {
            var from = source.GetBytes(offset, int.MaxValue);
            var to = destination.GetBytes(offset, from.Length);
            from[..to.Length].CopyTo(to);
            offset += to.Length;
        }
    }

    /// <summary>Fills all bytes of <paramref name="destination"/> from <paramref name="read"/>, which fills each piece it is given.</summary>
    public static void FillBytes(this INdArray destination, SpanFiller read)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(read);
        for (long offset = 0; offset < destination.ByteLength;)
        {
            var piece = destination.GetBytes(offset, int.MaxValue);
            read(offset, piece);
            offset += piece.Length;
        }
    }

    /// <summary>Hands every piece of <paramref name="source"/>'s bytes, in order, to <paramref name="write"/>.</summary>
    public static void ForEachPiece(this INdArray source, SpanReader write, int maxPieceLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(write);
        for (long offset = 0; offset < source.ByteLength;)
        {
            var piece = source.GetBytes(offset, maxPieceLength);
            write(offset, piece);
            offset += piece.Length;
        }
    }

    /// <summary>Copies bytes <paramref name="byteOffset"/> to <c>byteOffset + destination.Length</c> of <paramref name="source"/> into <paramref name="destination"/>, piece by piece.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the tensor.</exception>
    public static void ReadBytes(this INdArray source, long byteOffset, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckSpan(source, byteOffset, destination.Length);
        while (!destination.IsEmpty)
        {
            var piece = source.GetBytes(byteOffset, destination.Length);
            piece.CopyTo(destination);
            byteOffset += piece.Length;
            destination = destination[piece.Length..];
        }
    }

    /// <summary>Copies <paramref name="source"/> into bytes <paramref name="byteOffset"/> to <c>byteOffset + source.Length</c> of <paramref name="destination"/>, piece by piece.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the tensor.</exception>
    public static void WriteBytes(this INdArray destination, long byteOffset, ReadOnlySpan<byte> source)
    {
        ArgumentNullException.ThrowIfNull(destination);
        CheckSpan(destination, byteOffset, source.Length);
        while (!source.IsEmpty)
        {
            var piece = destination.GetBytes(byteOffset, source.Length);
            source[..piece.Length].CopyTo(piece);
            byteOffset += piece.Length;
            source = source[piece.Length..];
        }
    }

    /// <summary>Checks the arguments of <see cref="INdArray.GetBytes"/> for implementations.</summary>
    /// <returns>The length of the run to return for contiguous storage of <paramref name="byteLength"/> bytes.</returns>
    public static int CheckRange(long byteLength, long byteOffset, int maxLength)
    {
        if (byteOffset < 0 || byteOffset > byteLength)
            throw new ArgumentOutOfRangeException(nameof(byteOffset), byteOffset, $"The tensor holds {byteLength} bytes.");
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return (int)Math.Min(maxLength, byteLength - byteOffset);
    }

    private static void CheckSpan(INdArray tensor, long byteOffset, int length)
    {
        if (byteOffset < 0 || byteOffset > tensor.ByteLength - length)
            throw new ArgumentOutOfRangeException(nameof(byteOffset), byteOffset, $"Bytes {byteOffset}..{byteOffset + length} are outside the {tensor.ByteLength} bytes of the tensor.");
    }
}

/// <summary>Fills <paramref name="piece"/>, which holds the bytes from <paramref name="offset"/> on.</summary>
public delegate void SpanFiller(long offset, Span<byte> piece);

/// <summary>Receives <paramref name="piece"/>, which holds the bytes from <paramref name="offset"/> on.</summary>
public delegate void SpanReader(long offset, ReadOnlySpan<byte> piece);
