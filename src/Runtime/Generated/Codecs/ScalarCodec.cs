using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// Scalar values: the integer types, <see cref="bool"/>, <see cref="float"/>, <see cref="double"/>,
/// <see cref="Half"/>, <see cref="BFloat16"/>, <see cref="Complex64"/> and <see cref="System.Numerics.Complex"/>.
/// </summary>
/// <remarks>
/// Saved as braintools saves the same Python values: integers as msgpack ints, <see cref="double"/> as a
/// float64, <see cref="bool"/> natively, <see cref="System.Numerics.Complex"/> as ext 2, and the fixed-width floats
/// as numpy scalars (ext 3) so their dtype survives. A load accepts any numeric node whose value converts exactly
/// (Python writes untyped ints and floats): <c>10.0</c> loads into a <see cref="float"/>, <c>0.1</c> does not.
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScalarCodec<T> : ValueCodec<T>
    where T : unmanaged
{
    private ScalarCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static ScalarCodec<T> Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(T value) => ScalarNodes.ToNode(value);

    /// <inheritdoc />
    public override ValueLoad<T> Read(StateNode source, T current)
    {
        if (!ScalarNodes.TryRead(source, out var number))
            return ValueLoad<T>.Fail($"expected a {Describe()} scalar, found {TensorLoads.Describe(source)}");
        return ScalarNodes.TryConvert<T>(number, out var value)
            ? ValueLoad<T>.Replace(value)
            : ValueLoad<T>.Fail($"{number} does not convert exactly to {Describe()}");
    }

    /// <inheritdoc />
    public override DType? DTypeOf(T value) => DTypes.TryOf<T>(out var dtype) ? dtype : null;

    private static string Describe() => DTypes.TryOf<T>(out var dtype) ? dtype.NumpyName() : typeof(T).Name;
}
