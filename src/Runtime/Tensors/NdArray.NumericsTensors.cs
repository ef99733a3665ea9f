using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Checkpoint;

// Conversions between NdArray<T> and the platform's tensor types (System.Numerics.Tensors).
public sealed partial class NdArray<T>
{
    /// <summary>
    /// An <see cref="NdArray{T}"/> over <paramref name="tensor"/>: it shares the tensor's memory when the tensor is dense
    /// (the common case; <see cref="Storage"/> is then <see cref="NdArrayStorage.NumericsTensor"/>), and is a copy of a
    /// strided or broadcast view. The rank-0 <see cref="Tensor{T}.Empty"/> becomes an empty vector.
    /// </summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a tensor element type.</exception>
    public static NdArray<T> FromTensor(Tensor<T> tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var view = new NumericsTensorView<T>(tensor);
        var shape = view.Shape.ToArray();
        if (view.IsDense && tensor.Rank > 0) return new NdArray<T>(new TensorStore<T>(tensor), shape, view.Length);
        var copy = Create(shape, zeroed: false);
        view.CopyBytesTo(copy);
        return copy;
    }

    /// <summary>
    /// This tensor as a <see cref="Tensor{T}"/> sharing its memory (nothing is copied): the tensor it was made from
    /// (<see cref="FromTensor"/>), or one over <see cref="Data"/>. <see cref="Tensor{T}"/> has no zero-dimensional form,
    /// so a scalar becomes a one-element vector.
    /// </summary>
    /// <exception cref="NotSupportedException">The tensor is in native memory, which a <see cref="Tensor{T}"/> (backed by a
    /// .NET array) cannot share; use <see cref="AsTensorSpan"/>.</exception>
    public Tensor<T> AsTensor() => _store switch
    {
        null => System.Numerics.Tensors.Tensor.Create(_array!, Lengths()),
        TensorStore<T> shared => shared.Tensor,
        _ => throw new NotSupportedException(
            $"{this} is in native memory, which a System.Numerics.Tensors.Tensor<T> (backed by a .NET array) cannot share; use AsTensorSpan()."),
    };

    /// <summary>
    /// This tensor as a <see cref="TensorSpan{T}"/> over its memory, whatever the storage and size: the way to use
    /// <see cref="Tensor"/> operations on a tensor in native memory. A scalar is seen as a one-element vector.
    /// </summary>
    public unsafe TensorSpan<T> AsTensorSpan() => _store switch
    {
        null => new TensorSpan<T>(_array.AsSpan(), Lengths()),
        TensorStore<T> shared => shared.Tensor.AsTensorSpan(),
        NativeStore<T> native => new TensorSpan<T>(native.Pointer, (nint)Length, Lengths(), []),
        _ => throw new InvalidOperationException(),
    };

    // The shape as System.Numerics.Tensors wants it (rank 0 has no form there: one element in one dimension).
    private nint[] Lengths()
    {
        if (_shape.Length == 0) return [1];
        var lengths = new nint[_shape.Length];
        for (var d = 0; d < lengths.Length; d++) lengths[d] = _shape[d];
        return lengths;
    }
}
