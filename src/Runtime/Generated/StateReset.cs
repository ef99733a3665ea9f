using System.Numerics;

using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>Helpers that generated <see cref="IStateful.ResetState"/> methods call to re-initialise short-term state.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StateReset
{
    /// <summary>Sets every element of a tensor to <paramref name="value"/> in place (nothing for null).</summary>
    public static void Fill<T>(NdArray<T>? tensor, double value) where T : unmanaged
    {
        if (tensor is not null) FillBytes(tensor, value);
    }

    /// <summary>Sets every element of an array of any rank to <paramref name="value"/> in place (nothing for null).</summary>
    public static void Fill<T>(Array? array, double value) where T : unmanaged
    {
        if (array is not null) FillBytes(new ArrayTensorView<T>(array), value);
    }

    /// <summary>Sets every element of a tensor of your own type to <paramref name="value"/>, converted to its dtype (nothing for null).</summary>
    public static void Fill(INdArray? tensor, double value)
    {
        if (tensor is not null) FillBytes(tensor, value);
    }

    /// <summary>
    /// Sets every element of a <see cref="System.Numerics.Tensors.Tensor{T}"/> to <paramref name="value"/> in place (nothing
    /// for null). A separate name: <c>T[]</c> converts implicitly to <c>Tensor&lt;T&gt;</c>, so an overload of
    /// <see cref="Fill{T}(Array?, double)"/> would make calls with arrays ambiguous.
    /// </summary>
    public static void FillTensor<T>(System.Numerics.Tensors.Tensor<T>? tensor, double value) where T : unmanaged
    {
        if (tensor is not null) FillBytes(new NumericsTensorView<T>(tensor), value);
    }

    /// <summary>Zero-fills a <see cref="System.Numerics.Tensors.Tensor{T}"/> in place (nothing for null).</summary>
    public static void Clear<T>(System.Numerics.Tensors.Tensor<T>? tensor) where T : unmanaged => tensor?.Clear();

    /// <summary>Zero-fills a tensor of your own type in place (nothing for null).</summary>
    public static void Clear(INdArray? tensor) => tensor?.FillBytes((_, piece) => piece.Clear());

    /// <summary>Zero-fills a tensor in place (nothing for null).</summary>
    public static void Clear<T>(NdArray<T>? tensor) where T : unmanaged => tensor?.FillBytes((_, piece) => piece.Clear());

    /// <summary>Zero-fills an array of any rank in place (nothing for null).</summary>
    public static void Clear(Array? array)
    {
        if (array is not null) Array.Clear(array);
    }

    // One element is encoded once into a block of copies, and the block is copied over the tensor (of any size).
    private static void FillBytes(INdArray tensor, double value)
    {
        if (tensor.Length == 0) return;
        var size = tensor.DType.ItemSize();
        Span<byte> block = stackalloc byte[4096 / size * size];
        TensorConversion.Write(tensor.DType, block, 0, new Complex(value, 0));
        for (var offset = size; offset < block.Length; offset += size) block[..size].CopyTo(block[offset..]);
        for (long offset = 0; offset < tensor.ByteLength; offset += block.Length)
            tensor.WriteBytes(offset, block[..(int)Math.Min(block.Length, tensor.ByteLength - offset)]);
    }
}
