using System.ComponentModel;

namespace Checkpoint.Generated;

/// <summary>Makes the codec of a foreign tensor type that can create itself (what generated code calls once per member).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ForeignTensorCodec
{
    /// <summary>
    /// The codec of <typeparamref name="TTensor"/> whose loads create a tensor through
    /// <see cref="INdArrayFactory{TSelf}.Create"/> for a null member (implemented implicitly or explicitly).
    /// </summary>
    /// <typeparam name="TTensor">The member's type.</typeparam>
    public static ForeignTensorCodec<TTensor> Creating<TTensor>()
        where TTensor : class, INdArray, INdArrayFactory<TTensor> =>
        new(static (dtype, shape) => TTensor.Create(dtype, shape));
}

/// <summary>
/// Members whose type implements <see cref="INdArray"/> (your own tensor type over native buffers or another library's
/// memory, or <see cref="INdArray"/> itself): saved as an array straight from the pieces
/// <see cref="INdArray.GetBytes"/> hands out; a load copies into the existing tensor when shapes match (converting the
/// dtype losslessly). A null member gets a tensor from the factory the generated code passes (for types implementing
/// <see cref="INdArrayFactory{TSelf}"/>), or is reported. A null member saves as None and loads back from it.
/// </summary>
/// <typeparam name="TTensor">The member's type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ForeignTensorCodec<TTensor> : ValueCodec<TTensor?>
    where TTensor : class, INdArray
{
    private readonly Func<DType, int[], TTensor>? _create;

    /// <summary>A codec that loads only into existing tensors.</summary>
    public ForeignTensorCodec()
    {
    }

    /// <summary>A codec that makes a tensor with <paramref name="create"/> (given the source's dtype and shape) for a null member.</summary>
    public ForeignTensorCodec(Func<DType, int[], TTensor> create) => _create = create ?? throw new ArgumentNullException(nameof(create));

    /// <summary>The codec without a factory.</summary>
    public static ForeignTensorCodec<TTensor> Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(TTensor? value) => value is null ? NullNode.Instance : new TensorNode(value);

    /// <inheritdoc />
    public override ValueLoad<TTensor?> Read(StateNode source, TTensor? current)
    {
        if (source is NullNode && current is null) return ValueLoad<TTensor?>.Keep;
        if (!TensorLoads.TryGetSource(source, out var array, out var problem)) return ValueLoad<TTensor?>.Fail(problem);
        if (current is not null) return TensorLoads.IntoExisting<TTensor?>(array, current);
        if (_create is null)
            return ValueLoad<TTensor?>.Fail(
                $"the member is null and {TypeNames.CSharp(typeof(TTensor))} cannot be created by the load: give it a tensor of the source's shape first" +
                (typeof(TTensor).IsInterface ? "" : $", or implement INdArrayFactory<{TypeNames.Short(typeof(TTensor))}>"));
        TTensor created;
        try
        {
            created = _create(array.DType, [.. array.Shape]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ValueLoad<TTensor?>.Fail($"{TypeNames.CSharp(typeof(TTensor))}.Create failed: {e.Message}");
        }

        if (!TensorShape.Equal(created.Shape, array.Shape)) return ValueLoad<TTensor?>.ShapeMismatch(array.Shape, created.Shape);
        return TensorLoads.IntoNew<TTensor?>(array, created, created);
    }

    /// <inheritdoc />
    public override DType? DTypeOf(TTensor? value) => value?.DType;

    /// <inheritdoc />
    public override IReadOnlyList<int> ShapeOf(TTensor? value) => value?.Shape ?? [];
}
