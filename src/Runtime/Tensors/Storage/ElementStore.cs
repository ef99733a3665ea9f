using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>Elements of an <see cref="NdArray{T}"/> that are not in a .NET array of its own: contiguous, row-major.</summary>
internal abstract class ElementStore<T>
    where T : unmanaged
{
    public abstract NdArrayStorage Kind { get; }

    /// <summary>The first element (a null reference when there are none).</summary>
    /// <exception cref="ObjectDisposedException">The memory was freed.</exception>
    public abstract ref T First { get; }

    /// <summary>Frees what the store owns; later access throws.</summary>
    public virtual void Release()
    {
    }
}

/// <summary>Elements in native memory owned by the tensor.</summary>
internal sealed class NativeStore<T>(long length, bool zeroed) : ElementStore<T>
    where T : unmanaged
{
    private readonly NativeBuffer _buffer = new(checked(length * Unsafe.SizeOf<T>()), zeroed);

    public override NdArrayStorage Kind => NdArrayStorage.Native;

    public override unsafe ref T First => ref Unsafe.AsRef<T>((void*)_buffer.Address);

    /// <summary>The address of the first element, for <see cref="TensorSpan{T}"/>.</summary>
    public unsafe T* Pointer => (T*)_buffer.Address;

    public override void Release() => _buffer.Dispose();
}

/// <summary>The elements of a dense, row-major <see cref="Tensor{T}"/>, shared with it.</summary>
internal sealed class TensorStore<T>(Tensor<T> tensor) : ElementStore<T>
    where T : unmanaged
{
    // Tensor<T>.GetPinnableReference is the start of the backing array, not of a slice: the first element is asked for by index.
    private readonly nint[] _origin = new nint[tensor.Rank];

    public Tensor<T> Tensor { get; } = tensor;

    public override NdArrayStorage Kind => NdArrayStorage.NumericsTensor;

    public override ref T First =>
        ref Tensor.FlattenedLength == 0 ? ref Unsafe.NullRef<T>() : ref Tensor.GetSpan(_origin, 1)[0];
}
