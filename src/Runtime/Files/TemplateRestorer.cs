using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>
/// Restores a template tree (braintools' <c>msgpack_load(path, target=template)</c>) from a source, in two
/// phases: every value is checked first, then applied. Containers (dictionaries, lists, state dictionaries,
/// models) and tensors are restored in place; immutable leaves (numbers, strings, quantities, registered custom
/// types) are replaced in their container. Keys absent from the source keep the template's value and are
/// reported missing; source keys absent from the template are reported unexpected and dropped.
/// </summary>
internal sealed class TemplateRestorer(LoadSource source, LoadOptions options, LoadReport report)
{
    /// <summary>What to run once the checks are done (in order), with the path each one loads.</summary>
    public List<(string Path, Action Apply)> Applies { get; } = [];

    /// <summary>
    /// Checks <paramref name="template"/> against <paramref name="node"/>. Returns a function giving the value
    /// that replaces the template in its container, or null when the template is restored in place (or kept).
    /// </summary>
    public Func<object?>? Plan(object? template, object node, List<string> path)
    {
        if (template is not null && CustomTypeRegistry.TryGet(template.GetType(), out var custom))
        {
            if (source.MapEntries(node) is null) return Mismatched(path, $"expected a map for a registered {template.GetType().Name}, found {source.Describe(node)}");
            var dict = (StateDict)source.Materialize(node);
            // The user's conversion runs during the checks, not the apply: an exception from it is a problem of
            // this path, and nothing has been changed yet when it happens.
            object? restored;
            try
            {
                restored = custom.FromDict(template, dict, options.Mismatch);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Mismatched(path, $"the registered conversion of {template.GetType().Name} failed: {e.Message}");
            }

            return () => restored;
        }

        switch (template)
        {
            case null:
                var raw = source.Materialize(node);
                return () => raw;
            case Quantity quantity:
                return Leaf(path, QuantityCheck(quantity, node));
            case IStateful model:
                if (source.MapEntries(node) is null) return Mismatched(path, $"expected a map for the model, found {source.Describe(node)}");
                Applies.AddRange(SourceStateLoader.Plan(model.States(StateKinds.All), source, node, Text(path), options, report));
                return null;
            case StateDict map:
                RestoreStateDict(map, node, path);
                return null;
            case TensorNode tensorNode:
                RestoreTensor(tensorNode.Tensor, node, path);
                return null;
            case StateNode leaf:
                return Leaf(path, LeafNodeCheck(leaf, node));
            case byte[]:
                return Leaf(path, source.Materialize(node) is BytesNode b ? Value(b.Value) : Fail($"expected bytes, found {source.Describe(node)}"));
            case INdArray tensor:
                RestoreTensor(tensor, node, path);
                return null;
            case Array array when TreeConverter.ArrayTensor(array) is { } view:
                RestoreTensor(view, node, path);
                return null;
            case string:
                return Leaf(path, source.Materialize(node) switch
                {
                    StringNode s => Value(s.Value),
                    NullNode => Value(null),
                    var other => Fail($"expected a string, found {TensorLoading.Describe(other)}"),
                });
            case Enum e:
                return Leaf(path, EnumCheck(e, source.Materialize(node)));
            case bool: return Leaf(path, Scalar<bool>(node));
            case sbyte: return Leaf(path, Scalar<sbyte>(node));
            case byte: return Leaf(path, Scalar<byte>(node));
            case short: return Leaf(path, Scalar<short>(node));
            case ushort: return Leaf(path, Scalar<ushort>(node));
            case int: return Leaf(path, Scalar<int>(node));
            case uint: return Leaf(path, Scalar<uint>(node));
            case long: return Leaf(path, Scalar<long>(node));
            case ulong: return Leaf(path, Scalar<ulong>(node));
            case double: return Leaf(path, Scalar<double>(node));
            case float: return Leaf(path, Scalar<float>(node));
            case Half: return Leaf(path, Scalar<Half>(node));
            case BFloat16: return Leaf(path, Scalar<BFloat16>(node));
            case Complex64: return Leaf(path, Scalar<Complex64>(node));
            case Complex: return Leaf(path, Scalar<Complex>(node));
            case IDictionary dictionary:
                RestoreDictionary(dictionary, node, path);
                return null;
            case IDictionary<string, object?> generic:
                RestoreGenericDictionary(generic, node, path);
                return null;
            case IList list:
                RestoreList(list, node, path);
                return null;
            case ITuple tuple:
                RestoreTuple(tuple, node, path);
                return null;
            default:
                return Mismatched(path,
                    $"cannot restore a {template.GetType().FullName} from a template; register it with MsgPackCheckpoint.Register<{template.GetType().Name}>");
        }
    }

    private void RestoreStateDict(StateDict map, object node, List<string> path)
    {
        var keys = map.Keys.ToList();
        RestoreKeyed(keys, node, path, key => map[key], (key, value) => map[key] = AsNode(value), isReadOnly: false);
    }

    private void RestoreDictionary(IDictionary dictionary, object node, List<string> path)
    {
        var originals = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in dictionary.Keys) originals[Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = key;
        RestoreKeyed([.. originals.Keys], node, path, key => dictionary[originals[key]], (key, value) => dictionary[originals[key]] = value, dictionary.IsReadOnly);
    }

    private void RestoreGenericDictionary(IDictionary<string, object?> dictionary, object node, List<string> path) =>
        RestoreKeyed([.. dictionary.Keys], node, path, key => dictionary[key], (key, value) => dictionary[key] = value, dictionary.IsReadOnly);

    private void RestoreList(IList list, object node, List<string> path)
    {
        var keys = Enumerable.Range(0, list.Count).Select(TreeConverter.Index).ToList();
        RestoreKeyed(keys, node, path, key => list[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)],
            (key, value) => list[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value, list.IsReadOnly);
    }

    private void RestoreTuple(ITuple tuple, object node, List<string> path)
    {
        var keys = Enumerable.Range(0, tuple.Length).Select(TreeConverter.Index).ToList();
        RestoreKeyed(keys, node, path, key => tuple[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)], setter: null, isReadOnly: true);
    }

    // The shared walk of every keyed container: match keys, report missing and unexpected, plan each child.
    private void RestoreKeyed(
        IReadOnlyList<string> keys, object node, List<string> path, Func<string, object?> getter, Action<string, object?>? setter, bool isReadOnly)
    {
        if (source.MapEntries(node) is not { } entries)
        {
            Mismatched(path, $"expected a map, found {source.Describe(node)}");
            return;
        }

        var present = new HashSet<string>(keys, StringComparer.Ordinal);
        var here = Text(path);
        foreach (var key in keys)
        {
            path.Add(key);
            try
            {
                if (!source.TryGetChild(node, key, out var child))
                {
                    report.AddProblem(new LoadProblem(LoadProblemKind.Missing, Text(path),
                        $"the target dict contains it, the state dict at path '{here}' does not"));
                    continue;
                }

                var childTemplate = getter(key);
                if (!IsContainer(childTemplate) && !Passes(Text(path)))
                {
                    report.AddSkipped(Text(path));
                    continue;
                }

                var replacement = Plan(childTemplate, child, path);
                if (replacement is null) continue;
                if (setter is null || isReadOnly)
                {
                    Mismatched(path, "its container is read-only (a tuple or read-only collection), so the value cannot be replaced; use a mutable dictionary or list");
                    continue;
                }

                var childPath = Text(path);
                var set = setter;
                Applies.Add((childPath, () => set(key, replacement())));
            }
            finally
            {
                path.RemoveAt(path.Count - 1);
            }
        }

        foreach (var (key, _) in entries)
        {
            if (present.Contains(key)) continue;
            var extra = here.Length == 0 ? key : here + StateDict.PathSeparator + key;
            if (Passes(extra))
                report.AddProblem(new LoadProblem(LoadProblemKind.Unexpected, extra, $"the state dict contains it, the target dict at path '{here}' does not"));
            else
                report.AddSkipped(extra);
        }
    }

    private void RestoreTensor(INdArray target, object node, List<string> path)
    {
        if (!Passes(Text(path)))
        {
            report.AddSkipped(Text(path));
            return;
        }

        if (source.AsTensorRef(node) is { } reference && reference.DType == target.DType && TensorShape.Equal(reference.Shape, target.Shape))
        {
            Applies.Add((Text(path), () => source.ReadInto(reference, target.AsBytes())));
            return;
        }

        var loaded = source.Materialize(node);
        if (!TensorLoading.TryGetTensor(loaded, out var tensor, out var reason))
        {
            Mismatched(path, reason);
            return;
        }

        if (!TensorShape.Equal(tensor.Shape, target.Shape))
        {
            var check = LoadCheck.ShapeMismatch(tensor.Shape, target.Shape);
            if (options.SkipShapeMismatches) report.AddSkipped(Text(path));
            else Mismatched(path, check.Reason!);
            return;
        }

        var copy = TensorLoading.PrepareCopy(tensor, target, null);
        if (copy.Apply is { } apply) Applies.Add((Text(path), apply));
        else Mismatched(path, copy.Reason!);
    }

    private (object? Value, string? Reason) QuantityCheck(Quantity current, object node)
    {
        Quantity? restored = null;
        var check = QuantityAccessor.Prepare(current, source.Materialize(node), q => restored = q);
        if (check.Apply is not { } apply) return Fail(check.Reason!);
        apply();
        return Value(restored);
    }

    private (object? Value, string? Reason) LeafNodeCheck(StateNode template, object node)
    {
        var loaded = source.Materialize(node);
        switch (template)
        {
            case NullNode:
                return Value(loaded);
            case StringNode when loaded is StringNode or NullNode:
            case BytesNode when loaded is BytesNode:
                return Value(loaded);
            case IntegerNode:
                return ScalarNodes.TryRead(loaded, out var i) && i.IsInteger && !i.IsBool ? Value(new IntegerNode(i.Integer)) : Fail($"expected an integer, found {TensorLoading.Describe(loaded)}");
            case BoolNode:
                return loaded is BoolNode ? Value(loaded) : Fail($"expected a bool, found {TensorLoading.Describe(loaded)}");
            case FloatNode:
                return ScalarNodes.TryRead(loaded, out var f) && ScalarNodes.TryConvert<double>(f, out var d) ? Value(new FloatNode(d)) : Fail($"{TensorLoading.Describe(loaded)} does not convert exactly to a float");
            case ComplexNode:
                return ScalarNodes.TryRead(loaded, out var c) && ScalarNodes.TryConvert<Complex>(c, out var z) ? Value(new ComplexNode(z)) : Fail($"{TensorLoading.Describe(loaded)} does not convert exactly to a complex");
            case NumpyScalarNode scalar:
                if (!TensorLoading.TryGetTensor(loaded, out var tensor, out var reason) || tensor.Shape.Count != 0)
                    return Fail(reason ?? $"expected a scalar, found {TensorLoading.Describe(loaded)}");
                var target = DTypes.CreateTensor(scalar.Value.DType, []);
                var copy = TensorLoading.PrepareCopy(tensor, target, null);
                if (copy.Apply is not { } apply) return Fail(copy.Reason!);
                apply();
                return Value(new NumpyScalarNode(target));
            default:
                return Fail($"expected {TensorLoading.Describe(template)}, found {TensorLoading.Describe(loaded)}");
        }
    }

    private (object? Value, string? Reason) Scalar<T>(object node) where T : unmanaged
    {
        var loaded = source.Materialize(node);
        if (!ScalarNodes.TryRead(loaded, out var number))
            return Fail($"expected a {typeof(T).Name} scalar, found {TensorLoading.Describe(loaded)}");
        return ScalarNodes.TryConvert<T>(number, out var value) ? Value(value) : Fail($"{number} does not convert exactly to {typeof(T).Name}");
    }

    private static (object? Value, string? Reason) EnumCheck(Enum template, StateNode loaded)
    {
        var type = template.GetType();
        if (loaded is StringNode name)
            return Enum.TryParse(type, name.Value, ignoreCase: false, out var parsed) ? Value(parsed) : Fail($"'{name.Value}' is not a member of {type.Name}");
        if (ScalarNodes.TryRead(loaded, out var number) && ScalarNodes.TryConvert<long>(number, out var integer))
        {
            // Enum.ToObject truncates to the underlying type: check the value survives the round trip.
            var value = (Enum)Enum.ToObject(type, integer);
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            var roundTrip = Type.GetTypeCode(type) == TypeCode.UInt64
                ? unchecked((long)System.Convert.ToUInt64(value, invariant))
                : System.Convert.ToInt64(value, invariant);
            return roundTrip == integer
                ? Value(value)
                : Fail($"{integer} does not fit {type.Name}");
        }
        return Fail($"expected an integer or a name of {type.Name}, found {TensorLoading.Describe(loaded)}");
    }

    private Func<object?>? Leaf(List<string> path, (object? Value, string? Reason) check)
    {
        if (check.Reason is { } reason) return Mismatched(path, reason);
        var value = check.Value;
        return () => value;
    }

    private Func<object?>? Mismatched(List<string> path, string reason)
    {
        report.AddProblem(new LoadProblem(LoadProblemKind.Mismatched, Text(path), reason));
        return null;
    }

    private static (object? Value, string? Reason) Value(object? value) => (value, null);

    private static (object? Value, string? Reason) Fail(string reason) => (null, reason);

    private static StateNode AsNode(object? value) => value as StateNode ?? TreeConverter.FromObject(value);

    private static bool IsContainer(object? value) =>
        value is StateDict or IStateful or IDictionary or IDictionary<string, object?> or ITuple
        || (value is IList && value is not Array) || (value is Array array && TreeConverter.ArrayTensor(array) is null);

    private bool Passes(string path) => options.PathFilter?.Invoke(path) ?? true;

    private static string Text(List<string> path) => string.Join(StateDict.PathSeparator, path);
}
