namespace Checkpoint;

/// <summary>Where the elements of an <see cref="NdArray{T}"/> live.</summary>
public enum NdArrayStorage
{
    /// <summary>
    /// A .NET array (<see cref="NdArray{T}.Data"/>): every tensor up to 2^31 - 1 bytes unless asked otherwise. The GC
    /// owns the memory.
    /// </summary>
    Array,

    /// <summary>
    /// Native memory (<see cref="System.Runtime.InteropServices.NativeMemory"/>): every tensor larger than 2^31 - 1
    /// bytes, or one asked for with <see cref="NdArray{T}.Zeros(ReadOnlySpan{int}, NdArrayStorage)"/>. Freed by
    /// <see cref="NdArray{T}.Dispose"/>, or by the finalizer once the tensor is unreachable.
    /// </summary>
    Native,

    /// <summary>
    /// The memory of a dense <see cref="System.Numerics.Tensors.Tensor{T}"/>, shared with it
    /// (<see cref="NdArray{T}.FromTensor"/>).
    /// </summary>
    NumericsTensor,
}
