using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>
/// .NET arrays of any rank (<c>float[]</c>, <c>double[,]</c>), saved as an array of the same shape (rectangular
/// arrays are stored row-major, exactly C order, so nothing is copied). A load copies into the existing array
/// when shapes match; a null member gets a new array from the generated factory.
/// </summary>
/// <typeparam name="TElement">The element type.</typeparam>
/// <typeparam name="TArray">The array type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ArrayCodec<TElement, TArray> : ValueCodec<TArray?>
    where TElement : unmanaged
    where TArray : class
{
    // The rank of TArray (1 for T[], 2 for T[,], ...): type metadata read once per array type.
    private static readonly int Rank = typeof(TArray).IsArray ? typeof(TArray).GetArrayRank() : 1;

    private readonly Func<int[], TArray> _create;

    /// <summary>A codec that makes new arrays with <paramref name="create"/> (given the shape).</summary>
    public ArrayCodec(Func<int[], TArray> create) => _create = create ?? throw new ArgumentNullException(nameof(create));

    /// <inheritdoc />
    public override StateNode Write(TArray? value) => value is null ? NullNode.Instance : new TensorNode(View(value));

    /// <inheritdoc />
    public override ValueLoad<TArray?> Read(StateNode source, TArray? current)
    {
        if (source is NullNode && current is null) return ValueLoad<TArray?>.Keep;
        if (!TensorLoads.TryGetSource(source, out var array, out var problem)) return ValueLoad<TArray?>.Fail(problem);
        if (current is not null) return TensorLoads.IntoExisting<TArray?>(array, View(current));
        // The rank is fixed by the type: a source of another rank is a mismatch, checked before the factory indexes the shape.
        if (array.Shape.Count != Rank)
            return ValueLoad<TArray?>.Fail($"shape {TensorShape.Format(array.Shape)} in the source, a {Rank}-dimensional array in the target");
        var created = _create([.. array.Shape]);
        return TensorLoads.IntoNew(array, View(created), (TArray?)created);
    }

    /// <inheritdoc />
    public override DType? DTypeOf(TArray? value) => DTypes.Of<TElement>();

    /// <inheritdoc />
    public override IReadOnlyList<int> ShapeOf(TArray? value) => value is null ? [] : View(value).Shape;

    private static ArrayTensorView<TElement> View(TArray array) => new((Array)(object)array);
}
