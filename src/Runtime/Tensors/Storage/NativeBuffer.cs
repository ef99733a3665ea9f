using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>
/// A block of native memory (<see cref="NativeMemory"/>), freed once: by <see cref="SafeHandle.Dispose()"/> or, if
/// nobody disposes it, by the finalizer. The GC is told the size, so unreachable large blocks are collected soon.
/// </summary>
internal sealed class NativeBuffer : SafeHandle
{
    private readonly long _byteLength;

    /// <summary>Allocates <paramref name="byteLength"/> bytes, zeroed (pages the OS hands out lazily) or not.</summary>
    /// <exception cref="OutOfMemoryException">The memory is not available.</exception>
    public unsafe NativeBuffer(long byteLength, bool zeroed)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        var size = checked((nuint)byteLength);
        SetHandle((IntPtr)(zeroed ? NativeMemory.AllocZeroed(size) : NativeMemory.Alloc(size)));
        _byteLength = byteLength;
        if (byteLength > 0) GC.AddMemoryPressure(byteLength);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The address of the first byte; throws once the memory has been freed.</summary>
    /// <exception cref="ObjectDisposedException">The tensor owning the memory was disposed.</exception>
    public IntPtr Address => IsClosed
        ? throw new ObjectDisposedException(nameof(NdArray<byte>), "The tensor's native memory was freed by Dispose.")
        : handle;

    /// <inheritdoc />
    protected override unsafe bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        if (_byteLength > 0) GC.RemoveMemoryPressure(_byteLength);
        return true;
    }
}
