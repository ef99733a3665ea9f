namespace Checkpoint;

/// <summary>
/// Element types of tensors, one per numpy dtype name that braintools writes
/// (see <see cref="DTypes.NumpyName(DType)"/> for the names on disk).
/// </summary>
public enum DType
{
    /// <summary><c>bool</c>: <see cref="bool"/>, one byte per element (0 or 1).</summary>
    Bool,
    /// <summary><c>int8</c>: <see cref="sbyte"/>.</summary>
    Int8,
    /// <summary><c>int16</c>: <see cref="short"/>.</summary>
    Int16,
    /// <summary><c>int32</c>: <see cref="int"/>.</summary>
    Int32,
    /// <summary><c>int64</c>: <see cref="long"/>.</summary>
    Int64,
    /// <summary><c>uint8</c>: <see cref="byte"/>.</summary>
    UInt8,
    /// <summary><c>uint16</c>: <see cref="ushort"/>.</summary>
    UInt16,
    /// <summary><c>uint32</c>: <see cref="uint"/>.</summary>
    UInt32,
    /// <summary><c>uint64</c>: <see cref="ulong"/>.</summary>
    UInt64,
    /// <summary><c>float16</c>: <see cref="Half"/>.</summary>
    Float16,
    /// <summary><c>bfloat16</c>: <see cref="Checkpoint.BFloat16"/>.</summary>
    BFloat16,
    /// <summary><c>float32</c>: <see cref="float"/>.</summary>
    Float32,
    /// <summary><c>float64</c>: <see cref="double"/>.</summary>
    Float64,
    /// <summary><c>complex64</c>: <see cref="Checkpoint.Complex64"/> (two float32).</summary>
    Complex64,
    /// <summary><c>complex128</c>: <see cref="System.Numerics.Complex"/> (two float64).</summary>
    Complex128,
}
