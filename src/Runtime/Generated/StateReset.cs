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

    /// <summary>Zero-fills a tensor in place (nothing for null).</summary>
    public static void Clear<T>(NdArray<T>? tensor) where T : unmanaged => tensor?.AsSpan().Clear();

    /// <summary>Zero-fills an array of any rank in place (nothing for null).</summary>
    public static void Clear(Array? array)
    {
        if (array is not null) Array.Clear(array);
    }

    private static void FillBytes(INdArray tensor, double value)
    {
        var bytes = tensor.AsBytes();
        if (tensor.Length == 0) return;
        TensorConversion.Write(tensor.DType, bytes, 0, new Complex(value, 0));
        var size = tensor.DType.ItemSize();
        var first = bytes[..size];
        for (var offset = size; offset < bytes.Length; offset += size) first.CopyTo(bytes[offset..]);
    }
}
