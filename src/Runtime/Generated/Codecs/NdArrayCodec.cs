using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// <see cref="NdArray{T}"/> values: saved as an array (referenced, not copied); a load copies into the existing
/// tensor when shapes match (converting the dtype losslessly), and creates one of the source's shape for a null
/// member. A null member saves as None and loads back from it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NdArrayCodec<T> : ValueCodec<NdArray<T>?>
    where T : unmanaged
{
    private NdArrayCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static NdArrayCodec<T> Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(NdArray<T>? value) => value is null ? NullNode.Instance : new TensorNode(value);

    /// <inheritdoc />
    public override ValueLoad<NdArray<T>?> Read(StateNode source, NdArray<T>? current)
    {
        if (source is NullNode && current is null) return ValueLoad<NdArray<T>?>.Keep;
        if (!TensorLoads.TryGetSource(source, out var array, out var problem)) return ValueLoad<NdArray<T>?>.Fail(problem);
        if (current is not null) return TensorLoads.IntoExisting<NdArray<T>?>(array, current);
        var created = NdArray<T>.Zeros([.. array.Shape]);
        return TensorLoads.IntoNew<NdArray<T>?>(array, created, created);
    }

    /// <inheritdoc />
    public override DType? DTypeOf(NdArray<T>? value) => DTypes.Of<T>();

    /// <inheritdoc />
    public override IReadOnlyList<int> ShapeOf(NdArray<T>? value) => value?.Shape ?? [];
}
