using System.Runtime.InteropServices;
using Checkpoint;

namespace Checkpoint.ForeignTensor;

/// <summary>
/// A tensor of your own: its elements live in native memory allocated page by page (as a device allocator or a C
/// library might hand them out), never in a managed array. Implementing <see cref="INdArray"/> is all Checkpoint needs
/// to save and load it in place; <see cref="INdArrayFactory{TSelf}"/> lets a load create one for a null member.
/// </summary>
public sealed unsafe class PagedNativeTensor : INdArray, INdArrayFactory<PagedNativeTensor>, IDisposable
{
    private readonly byte*[] _pages;
    private readonly int _pageBytes;
    private readonly int[] _shape;

    /// <summary>A zeroed tensor of <paramref name="dtype"/> and <paramref name="shape"/> in pages of <paramref name="pageBytes"/> bytes.</summary>
    public PagedNativeTensor(DType dtype, int[] shape, int pageBytes = 1 << 20)
    {
        DType = dtype;
        _shape = (int[])shape.Clone();
        Length = TensorShape.ElementCountLong(shape);
        ByteLength = Length * dtype.ItemSize();
        _pageBytes = pageBytes;
        _pages = new byte*[(ByteLength + pageBytes - 1) / pageBytes];
        for (var i = 0; i < _pages.Length; i++) _pages[i] = (byte*)NativeMemory.AllocZeroed((nuint)pageBytes);
    }

    public DType DType { get; }

    public IReadOnlyList<int> Shape => _shape;

    public long Length { get; }

    public long ByteLength { get; }

    /// <summary>How many separate native allocations hold the elements.</summary>
    public int PageCount => _pages.Length;

    /// <summary>
    /// The contract: the run of bytes from <paramref name="byteOffset"/>, at most <paramref name="maxLength"/> long. A run
    /// may end early (here at the end of a page); Checkpoint's readers and writers ask again from where it ended.
    /// </summary>
    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        if (length == 0) return [];
        var page = (int)(byteOffset / _pageBytes);
        var within = (int)(byteOffset % _pageBytes);
        return new Span<byte>(_pages[page] + within, Math.Min(length, _pageBytes - within));
    }

    /// <summary>A deep copy in new pages.</summary>
    public INdArray Clone()
    {
        var copy = new PagedNativeTensor(DType, _shape, _pageBytes);
        this.CopyBytesTo(copy);
        return copy;
    }

    /// <summary>What a load calls for a null member of this type: a tensor of the file's dtype and shape.</summary>
    public static PagedNativeTensor Create(DType dtype, int[] shape) => new(dtype, shape);

    /// <summary>Element <paramref name="index"/> (row-major) read as float32.</summary>
    public float GetFloat(long index)
    {
        Span<byte> element = stackalloc byte[sizeof(float)];
        this.ReadBytes(index * sizeof(float), element);
        return BitConverter.ToSingle(element);
    }

    /// <summary>Element <paramref name="index"/> (row-major) written as float32.</summary>
    public void SetFloat(long index, float value) => this.WriteBytes(index * sizeof(float), BitConverter.GetBytes(value));

    public void Dispose()
    {
        for (var i = 0; i < _pages.Length; i++)
        {
            NativeMemory.Free(_pages[i]);
            _pages[i] = null;
        }
    }
}
