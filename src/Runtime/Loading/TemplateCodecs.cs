using System.Numerics;
using Checkpoint.Generated;

namespace Checkpoint.Loading;

/// <summary>
/// The codecs of template leaves: the leaves of a <see cref="StateDict"/> template (by node kind), and boxed .NET
/// values of an object template (by runtime type, each through the codec its type has everywhere else).
/// </summary>
internal static class TemplateCodecs
{
    /// <summary>The codec for a boxed template leaf, chosen by its runtime type; null for containers.</summary>
    public static ValueCodec<object?>? For(object? template) => template switch
    {
        null => RawCodec.Instance,
        Quantity => new BoxedCodec<Quantity?>(QuantityCodec.Instance),
        StateNode => new BoxedCodec<StateNode>(NodeCodec.Instance),
        byte[] => new BoxedCodec<byte[]?>(BytesCodec.Instance),
        INdArray => new BoxedCodec<INdArray?>(ForeignTensorCodec<INdArray>.Instance),
        Array array when TreeConverter.ArrayTensor(array) is not null => ArrayInPlaceCodec.Instance,
        _ when ForeignTensorTypes.TryGetNumericsTensor(template.GetType(), out var tensorRow) => tensorRow.BoxedNumericsTensorCodec,
        string => new BoxedCodec<string?>(StringCodec.Instance),
        Enum => BoxedEnumCodec.Instance,
        // Scalars of the tensor element types, by the table of element types.
        _ when DTypes.TryGetElementType(template.GetType(), out var elementType) => elementType.BoxedScalarCodec,
        _ => null,
    };
}

/// <summary>A template slot holding null takes whatever the source has there.</summary>
internal sealed class RawCodec : ValueCodec<object?>
{
    public static RawCodec Instance { get; } = new();

    public override StateNode Write(object? value) => TreeConverter.FromObject(value);

    public override ValueLoad<object?> Read(StateNode source, object? current) => ValueLoad<object?>.Replace(source);
}

/// <summary>
/// The leaves of a <see cref="StateDict"/> template: an array is filled in place; any other leaf is replaced by
/// the source's value converted exactly to the template leaf's kind (an int stays an int, a float32 scalar a float32).
/// </summary>
internal sealed class NodeCodec : ValueCodec<StateNode>
{
    public static NodeCodec Instance { get; } = new();

    public override StateNode Write(StateNode value) => value;

    public override ValueLoad<StateNode> Read(StateNode source, StateNode template)
    {
        switch (template)
        {
            case TensorNode tensor:
                return TensorLoads.TryGetSource(source, out var array, out var problem)
                    ? TensorLoads.IntoExisting<StateNode>(array, tensor.Tensor)
                    : ValueLoad<StateNode>.Fail(problem);
            case NullNode:
                return ValueLoad<StateNode>.Replace(source);
            case StringNode when source is StringNode or NullNode:
            case BytesNode when source is BytesNode:
                return ValueLoad<StateNode>.Replace(source);
            case IntegerNode:
                return ScalarNodes.TryRead(source, out var i) && i.IsInteger && !i.IsBool
                    ? ValueLoad<StateNode>.Replace(new IntegerNode(i.Integer))
                    : ValueLoad<StateNode>.Fail($"expected an integer, found {TensorLoads.Describe(source)}");
            case BoolNode:
                return source is BoolNode ? ValueLoad<StateNode>.Replace(source) : ValueLoad<StateNode>.Fail($"expected a bool, found {TensorLoads.Describe(source)}");
            case FloatNode:
                return ScalarNodes.TryRead(source, out var f) && ScalarNodes.TryConvert<double>(f, out var d)
                    ? ValueLoad<StateNode>.Replace(new FloatNode(d))
                    : ValueLoad<StateNode>.Fail($"{TensorLoads.Describe(source)} does not convert exactly to a float");
            case ComplexNode:
                return ScalarNodes.TryRead(source, out var c) && ScalarNodes.TryConvert<Complex>(c, out var z)
                    ? ValueLoad<StateNode>.Replace(new ComplexNode(z))
                    : ValueLoad<StateNode>.Fail($"{TensorLoads.Describe(source)} does not convert exactly to a complex");
            case NumpyScalarNode scalar:
                if (!TensorLoads.TryGetSource(source, out var value, out var reason) || value.Shape.Count != 0)
                    return ValueLoad<StateNode>.Fail(reason ?? $"expected a scalar, found {TensorLoads.Describe(source)}");
                var target = DTypes.CreateTensor(scalar.Value.DType, []);
                return TensorLoads.IntoNew<StateNode>(value, target, new NumpyScalarNode(target));
            default:
                return ValueLoad<StateNode>.Fail($"expected {TensorLoads.Describe(template)}, found {TensorLoads.Describe(source)}");
        }
    }
}

/// <summary><c>byte[]</c>: a msgpack bin (Python <c>bytes</c>).</summary>
internal sealed class BytesCodec : ValueCodec<byte[]?>
{
    public static BytesCodec Instance { get; } = new();

    public override StateNode Write(byte[]? value) => value is null ? NullNode.Instance : new BytesNode(value);

    public override ValueLoad<byte[]?> Read(StateNode source, byte[]? current) => source is BytesNode bytes
        ? ValueLoad<byte[]?>.Replace(bytes.Value)
        : ValueLoad<byte[]?>.Fail($"expected bytes, found {TensorLoads.Describe(source)}");
}

/// <summary>A .NET array of a tensor element type in a template: filled in place through a view of it.</summary>
internal sealed class ArrayInPlaceCodec : ValueCodec<object?>
{
    public static ArrayInPlaceCodec Instance { get; } = new();

    public override StateNode Write(object? value) => new TensorNode(TreeConverter.ArrayTensor((Array)value!)!);

    public override ValueLoad<object?> Read(StateNode source, object? current) =>
        TensorLoads.TryGetSource(source, out var array, out var problem)
            ? TensorLoads.IntoExisting<object?>(array, TreeConverter.ArrayTensor((Array)current!)!)
            : ValueLoad<object?>.Fail(problem);
}

/// <summary>A boxed enum in a template, by the one enum rule (<see cref="EnumCodec{TEnum}"/>).</summary>
internal sealed class BoxedEnumCodec : ValueCodec<object?>
{
    public static BoxedEnumCodec Instance { get; } = new();

    public override StateNode Write(object? value) => EnumIntegers.ToNode((Enum)value!);

    public override ValueLoad<object?> Read(StateNode source, object? current) =>
        EnumIntegers.TryRead((Enum)current!, source, out var value, out var problem)
            ? ValueLoad<object?>.Replace(value)
            : ValueLoad<object?>.Fail(problem!);
}

/// <summary>A type registered with <see cref="MsgPackCheckpoint.Register{T}"/>: its <c>fromDict</c> runs while the load checks.</summary>
internal sealed class RegisteredCodec(CustomTypeEntry entry, Mismatch mismatch) : ValueCodec<object?>
{
    public override StateNode Write(object? value) => TreeConverter.FromObject(value);

    public override ValueLoad<object?> Read(StateNode source, object? current)
    {
        var name = TypeNames.CSharp(current!.GetType());
        if (source is not StateDict dict) return ValueLoad<object?>.Fail($"expected a map for a registered {name}, found {TensorLoads.Describe(source)}");
        // The user's conversion runs during the checks, not the apply: an exception from it is a problem of this
        // path, and nothing has been changed yet when it happens. It gets a tree it may keep: arrays read into memory.
        StateTree.Materialize(dict);
        try
        {
            return ValueLoad<object?>.Replace(entry.FromDict(current, dict, mismatch));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ValueLoad<object?>.Fail($"the registered conversion of {name} failed: {e.Message}");
        }
    }
}
