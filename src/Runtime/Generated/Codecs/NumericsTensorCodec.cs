using System.ComponentModel;
using System.Numerics.Tensors;

namespace Checkpoint.Generated;

/// <summary>
/// <see cref="Tensor{T}"/> values of <c>System.Numerics.Tensors</c> (the platform's tensor type): saved as an array
/// of the same dtype and shape, straight from the tensor's memory (a slice or other strided view too). A load copies
/// into the existing tensor when shapes match (converting the dtype losslessly; slices are filled in place), and
/// creates a dense tensor of the source's shape for a null member. A null member saves as None and loads back from it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NumericsTensorCodec<T> : ValueCodec<Tensor<T>?>
    where T : unmanaged
{
    private NumericsTensorCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static NumericsTensorCodec<T> Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(Tensor<T>? value) => value is null ? NullNode.Instance : new TensorNode(new NumericsTensorView<T>(value));

    /// <inheritdoc />
    public override ValueLoad<Tensor<T>?> Read(StateNode source, Tensor<T>? current)
    {
        if (source is NullNode && current is null) return ValueLoad<Tensor<T>?>.Keep;
        if (!TensorLoads.TryGetSource(source, out var array, out var problem)) return ValueLoad<Tensor<T>?>.Fail(problem);
        if (current is not null)
        {
            var view = new NumericsTensorView<T>(current);
            return view.Overlaps
                ? ValueLoad<Tensor<T>?>.Fail($"the target {TypeNames.CSharp(typeof(Tensor<T>))} is a broadcast view (elements share memory); it cannot be loaded into")
                : TensorLoads.IntoExisting<Tensor<T>?>(array, view);
        }

        if (array.Shape.Count == 0)
            return ValueLoad<Tensor<T>?>.Fail($"a zero-dimensional array has no {TypeNames.CSharp(typeof(Tensor<T>))} form (its lowest rank is 1)");
        var count = TensorShape.ElementCountLong(array.Shape);
        if (count > Array.MaxLength)
            return ValueLoad<Tensor<T>?>.Fail(
                $"{count} elements are more than a {TypeNames.CSharp(typeof(Tensor<T>))} (one .NET array) can hold; use NdArray<{TypeNames.Short(typeof(T))}>");
        var lengths = new nint[array.Shape.Count];
        for (var d = 0; d < lengths.Length; d++) lengths[d] = array.Shape[d];
        // Uninitialised: the load overwrites every element before the member is set.
        var created = Tensor.Create(GC.AllocateUninitializedArray<T>((int)count), lengths);
        return TensorLoads.IntoNew<Tensor<T>?>(array, new NumericsTensorView<T>(created), created);
    }

    /// <inheritdoc />
    public override DType? DTypeOf(Tensor<T>? value) => DTypes.Of<T>();

    /// <inheritdoc />
    public override IReadOnlyList<int> ShapeOf(Tensor<T>? value) => value is null ? [] : new NumericsTensorView<T>(value).Shape;
}
