namespace Checkpoint;

/// <summary>
/// Access to an enum member, saved as its underlying integer (what a Python <c>IntEnum</c> writes).
/// A load also accepts the member's name as a string. Generated code passes the conversions, so no
/// reflection runs.
/// </summary>
public sealed class EnumAccessor<TEnum>(Func<TEnum> get, Action<TEnum> set, Func<TEnum, long> toInteger, Func<long, TEnum> fromInteger)
    : StateAccessor
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override Type ValueType => typeof(TEnum);

    /// <inheritdoc />
    public override DType? DType => Checkpoint.DType.Int64;

    /// <inheritdoc />
    public override IReadOnlyList<int> Shape => [];

    /// <inheritdoc />
    public override object? GetValue() => get();

    /// <inheritdoc />
    public override void SetValue(object? value) => set((TEnum)value!);

    /// <inheritdoc />
    public override StateNode ToNode() => new IntegerNode(toInteger(get()));

    /// <inheritdoc />
    public override LoadCheck PrepareLoad(StateNode node)
    {
        if (node is StringNode name)
        {
            // Only a declared name: TryParse alone also takes digits ("7"), padding and comma lists ("A, B").
            return Enum.TryParse<TEnum>(name.Value, ignoreCase: false, out var parsed)
                   && Enum.IsDefined(parsed) && parsed.ToString() == name.Value
                ? LoadCheck.Ok(() => set(parsed))
                : LoadCheck.Fail($"'{name.Value}' is not a member of {typeof(TEnum).Name}");
        }

        if (ScalarNodes.TryRead(node, out var number) && ScalarNodes.TryConvert<long>(number, out var integer))
        {
            var value = fromInteger(integer);
            return toInteger(value) == integer
                ? LoadCheck.Ok(() => set(value))
                : LoadCheck.Fail($"{integer} does not fit {typeof(TEnum).Name}");
        }

        return LoadCheck.Fail($"expected an integer or a name of {typeof(TEnum).Name}, found {TensorLoading.Describe(node)}");
    }
}
