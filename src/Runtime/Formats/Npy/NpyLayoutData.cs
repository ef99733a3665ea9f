using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Checkpoint.Formats.Npy;

/// <summary>
/// The bytes of a .npy array stored big-endian or in Fortran order, converted while reading into the C-order,
/// little-endian bytes every <see cref="TensorData"/> hands out. The file stays the only copy:
/// <list type="bullet">
/// <item>big-endian, C order: each requested range is read and byte-swapped, nothing more;</item>
/// <item>Fortran order: a read of the whole array streams the stored data once and puts each element in its C-order
/// place; a read of part of it (a writer copying in pieces) converts the whole array once into a buffer that is kept
/// until the last byte has been read, so reading piece by piece still passes over the file once.</item>
/// </list>
/// </summary>
internal sealed class NpyLayoutData : TensorData
{
    private readonly TensorData _stored;
    private readonly DType _dtype;
    private readonly int[] _shape;
    private readonly bool _swap;
    private readonly bool _transpose;
    private readonly object _gate = new();
    private INdArray? _converted;

    /// <param name="stored">The data as stored in the file.</param>
    /// <param name="header">The array's header (dtype, byte order, memory order, shape).</param>
    public NpyLayoutData(TensorData stored, NpyHeader header)
        : base(stored.ByteLength)
    {
        _stored = stored;
        _dtype = header.DType;
        _shape = header.Shape;
        _swap = header.BigEndian;
        _transpose = header.NeedsTranspose;
    }

    public override string Location =>
        $"{_stored.Location} ({(_swap ? "big-endian" : "")}{(_swap && _transpose ? ", " : "")}{(_transpose ? "Fortran order" : "")}, converted while reading)";

    public override void Read(long offset, Span<byte> destination)
    {
        CheckRange(offset, destination.Length);
        if (!_transpose)
        {
            ReadSwapped(offset, destination);
            return;
        }

        if (offset == 0 && destination.Length == ByteLength)
        {
            Scatter(0, destination);
            return;
        }

        lock (_gate)
        {
            var converted = _converted ??= Convert();
            for (var done = 0; done < destination.Length;)
            {
                var piece = converted.GetBytes(offset + done, destination.Length - done);
                piece.CopyTo(destination[done..]);
                done += piece.Length;
            }

            // Readers go front to back: once the end is read the buffer has served its purpose.
            if (offset + destination.Length == ByteLength) _converted = null;
        }
    }

    private INdArray Convert()
    {
        var converted = DTypes.CreateTensor(_dtype, _shape);
        for (long offset = 0; offset < converted.ByteLength;)
        {
            var piece = converted.GetBytes(offset, int.MaxValue);
            Scatter(offset, piece);
            offset += piece.Length;
        }

        return converted;
    }

    // C order, swapped bytes: the same range, widened to whole elements, then reversed per component.
    private void ReadSwapped(long offset, Span<byte> destination)
    {
        var item = _dtype.ItemSize();
        var buffer = ArrayPool<byte>.Shared.Rent(TensorBytes.PieceLength);
        try
        {
            var usable = buffer.Length / item * item;
            for (var done = 0; done < destination.Length;)
            {
                var wanted = offset + done;
                var start = wanted - wanted % item;
                var length = (int)Math.Min(usable, ByteLength - start);
                var chunk = buffer.AsSpan(0, length);
                _stored.Read(start, chunk);
                Swap(chunk);
                var skip = (int)(wanted - start);
                var take = Math.Min(length - skip, destination.Length - done);
                chunk.Slice(skip, take).CopyTo(destination[done..]);
                done += take;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Fortran order: read the stored elements in order, each goes to its C-order index; only those falling in
    // [offset, offset + destination.Length) are kept.
    private void Scatter(long offset, Span<byte> destination)
    {
        var item = _dtype.ItemSize();
        var rank = _shape.Length;
        var cStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            cStrides[d] = stride;
            stride *= _shape[d];
        }

        var index = new int[rank];
        long cIndex = 0;
        var first = offset / item;
        var end = (offset + destination.Length) / item;
        var buffer = ArrayPool<byte>.Shared.Rent(TensorBytes.PieceLength);
        try
        {
            var usable = buffer.Length / item * item;
            for (long stored = 0; stored < ByteLength;)
            {
                var length = (int)Math.Min(usable, ByteLength - stored);
                var chunk = buffer.AsSpan(0, length);
                _stored.Read(stored, chunk);
                if (_swap) Swap(chunk);
                for (var at = 0; at < length; at += item)
                {
                    if (cIndex >= first && cIndex < end) chunk.Slice(at, item).CopyTo(destination[(int)((cIndex - first) * item)..]);
                    // The next element in Fortran order: the first index moves fastest.
                    for (var d = 0; d < rank; d++)
                    {
                        cIndex += cStrides[d];
                        if (++index[d] < _shape[d]) break;
                        cIndex -= cStrides[d] * _shape[d];
                        index[d] = 0;
                    }
                }

                stored += length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Complex numbers are two floats, each swapped on its own.
    private void Swap(Span<byte> bytes)
    {
        var component = _dtype.IsComplex() ? _dtype.ItemSize() / 2 : _dtype.ItemSize();
        switch (component)
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, ushort>(bytes);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, uint>(bytes);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, ulong>(bytes);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
        }
    }
}
