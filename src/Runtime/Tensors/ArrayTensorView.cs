using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>
/// An <see cref="INdArray"/> over a .NET array of any rank (<c>float[]</c>, <c>double[,]</c>) without copying:
/// rectangular arrays are stored row-major, exactly C order.
/// </summary>
internal sealed class ArrayTensorView<T> : INdArray
    where T : unmanaged
{
    private readonly Array _array;
    private readonly int[] _shape;

    public ArrayTensorView(Array array)
    {
        _array = array;
        _shape = new int[array.Rank];
        for (var d = 0; d < _shape.Length; d++) _shape[d] = array.GetLength(d);
        DType = DTypes.Of<T>();
    }

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length => _array.Length;

    public long ByteLength => (long)_array.Length * DType.ItemSize();

    public Span<T> Elements => ElementsOf(_array);

    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        ref var start = ref Unsafe.AddByteOffset(ref MemoryMarshal.GetArrayDataReference(_array), (nint)byteOffset);
        return MemoryMarshal.CreateSpan(ref start, length);
    }

    public INdArray Clone() => NdArray<T>.FromData(Elements.ToArray(), _shape);

    /// <summary>The elements of an array of any rank, row-major, as one span.</summary>
    public static Span<T> ElementsOf(Array array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
}
