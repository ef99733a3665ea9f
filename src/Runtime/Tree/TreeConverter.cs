using Checkpoint.Generated;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Checkpoint;

/// <summary>
/// Turns plain .NET values into a state tree, the way braintools turns a Python tree into msgpack: models,
/// dictionaries, lists, tensors, scalars, quantities and registered custom types. Type tests only; no
/// reflection over members. The table of mappings is in <c>docs/files.md</c>.
/// </summary>
public static class TreeConverter
{
    // The depth limit every reader and writer shares; deeper is almost certainly a cycle through a collection.
    private const int MaxDepth = CheckpointLimits.DefaultMaxDepth;

    /// <summary>
    /// The state tree of <paramref name="value"/>:
    /// <list type="bullet">
    /// <item><see cref="IStateful"/> models: their persistent state (<see cref="IStateful.ToStateDict"/>);</item>
    /// <item><see cref="StateNode"/>s (a <see cref="StateDict"/> too): themselves;</item>
    /// <item>dictionaries (<see cref="IDictionary"/>, <c>IDictionary&lt;string, object?&gt;</c>,
    /// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>): maps in enumeration order (integer keys become their text);</item>
    /// <item>lists, arrays of other types, tuples: maps with keys "0", "1", ...;</item>
    /// <item><see cref="INdArray"/>, <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> and arrays of any rank of tensor element
    /// types: tensors (referenced, not copied);</item>
    /// <item>integers and <see cref="double"/>: native ints and floats; <see cref="float"/>, <see cref="Half"/>,
    /// <see cref="BFloat16"/>, <see cref="Complex64"/>: numpy scalars; <see cref="bool"/>, <see cref="string"/>,
    /// <c>byte[]</c>, null: native; <see cref="Complex"/>: a Python complex; enums: their integer;</item>
    /// <item><see cref="Quantity"/>: braintools' unit map; types registered with <see cref="MsgPackCheckpoint.Register{T}"/>: their dictionary.</item>
    /// </list>
    /// </summary>
    /// <exception cref="CheckpointException">A value of another type; the message names its path and type.</exception>
    public static StateNode FromObject(object? value) => new Walker().Convert(value, []);

    private sealed class Walker
    {
        private readonly HashSet<object> _visiting = new(ReferenceEqualityComparer.Instance);

        public StateNode Convert(object? value, List<string> path)
        {
            switch (value)
            {
                case null: return NullNode.Instance;
                case StateNode node: return node;
            }

            if (CustomTypeRegistry.TryGet(value.GetType(), out var custom))
                return Container(value, path, () => Map(custom.ToDict(value), path));

            switch (value)
            {
                case Quantity quantity: return quantity.ToNode();
                case IStateful model: return model.ToStateDict();
                case INdArray tensor: return new TensorNode(tensor);
                case string text: return new StringNode(text);
                case byte[] bytes: return new BytesNode(bytes);
                // Enums and scalars map exactly as model members do: through the codec of their type.
                case Enum enumValue: return EnumIntegers.ToNode(enumValue);
                case Array array when ArrayTensor(array) is { } view: return new TensorNode(view);
                // net.States(kinds): the seed's net.states(ParamState), saved as the nested tree of its paths.
                case IEnumerable<StateEntry> entries: return StateTree.FromEntries(entries);
                // The platform's tensor type, by its codec (dtype and shape kept, bytes not copied).
                case var _ when ForeignTensorTypes.TryGetNumericsTensor(value.GetType(), out var tensorRow):
                    return tensorRow.BoxedNumericsTensorCodec.Write(value);
                case IDictionary dictionary: return Container(value, path, () => Map(dictionary, path));
                case IEnumerable<KeyValuePair<string, object?>> pairs: return Container(value, path, () => Map(pairs, path));
                case ITuple tuple: return Container(value, path, () => Tuple(tuple, path));
                // Lists and arrays (not any enumerable: a set has no order, and another library's tensor would lose
                // its shape as a list of scalars), the way braintools takes Python lists and tuples.
                case IList sequence when !ForeignTensorTypes.IsListLikeTensor(value.GetType()):
                    return Container(value, path, () => List(sequence, path));
                // Scalars of the tensor element types, each by its codec (the table of element types knows them all).
                default:
                    return DTypes.TryGetElementType(value.GetType(), out var elementType)
                        ? elementType.ScalarNode(value)
                        : throw Unsupported(value, path);
            }
        }

        private StateNode Container(object value, List<string> path, Func<StateNode> convert)
        {
            if (path.Count > MaxDepth)
                throw new CheckpointException($"The tree is deeper than {MaxDepth} levels at {Describe(path)}; is there a cycle?");
            if (!_visiting.Add(value))
                throw new CheckpointException($"Cycle in the tree: the {TypeNames.CSharp(value.GetType())} at {Describe(path)} contains itself.");
            try
            {
                return convert();
            }
            finally
            {
                _visiting.Remove(value);
            }
        }

        private StateDict Map(IDictionary dictionary, List<string> path)
        {
            var map = new StateDict();
            foreach (DictionaryEntry entry in dictionary) AddChild(map, KeyText(entry.Key, path), entry.Value, path);
            return map;
        }

        private StateDict Map(IEnumerable<KeyValuePair<string, object?>> pairs, List<string> path)
        {
            var map = new StateDict();
            foreach (var (key, item) in pairs) AddChild(map, key, item, path);
            return map;
        }

        private StateDict Tuple(ITuple tuple, List<string> path)
        {
            var map = new StateDict();
            for (var i = 0; i < tuple.Length; i++) AddChild(map, Index(i), tuple[i], path);
            return map;
        }

        private StateDict List(IEnumerable sequence, List<string> path)
        {
            var map = new StateDict();
            var index = 0;
            foreach (var item in sequence) AddChild(map, Index(index++), item, path);
            return map;
        }

        private void AddChild(StateDict map, string key, object? item, List<string> path)
        {
            if (map.ContainsKey(key))
                throw new CheckpointException($"Two keys of the dictionary at {Describe(path)} both save as '{key}'.");
            path.Add(key);
            try
            {
                map.Add(key, Convert(item, path));
            }
            finally
            {
                path.RemoveAt(path.Count - 1);
            }
        }

        private static string KeyText(object key, List<string> path) => key switch
        {
            string text => text,
            // flax writes str(key): integer keys become their decimal text.
            int or long or short or sbyte or byte or ushort or uint or ulong => ((IFormattable)key).ToString(null, CultureInfo.InvariantCulture),
            _ => throw new CheckpointException(
                $"The dictionary at {Describe(path)} has a key of type {TypeNames.CSharp(key.GetType())}; checkpoint keys are strings (or integers, saved as text)."),
        };

        private static CheckpointException Unsupported(object value, List<string> path)
        {
            var type = value.GetType();
            var what = $"Cannot save the value at {Describe(path)}: type {TypeNames.CSharp(type)}";
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Numerics.Tensors.Tensor<>))
                return new($"{what} has element type {TypeNames.CSharp(type.GetGenericArguments()[0])}, which is not a tensor element type (numeric types, bool, Half, BFloat16, Complex64, Complex).");
            if (ForeignTensorTypes.IsListLikeTensor(type))
                return new($"{what} is another library's tensor; saved as a list it would lose its shape and dtype. " +
                    "Copy it into an NdArray<T> or System.Numerics.Tensors.Tensor<T>, or implement INdArray over its memory (docs/tensors.md).");
            return new($"{what} is not a model, tensor, array, scalar, " +
                "string, quantity, list or string-keyed dictionary. Register a conversion with " +
                $"MsgPackCheckpoint.Register<{TypeNames.Short(type)}>(toDict, fromDict) to save it.");
        }
    }

    /// <summary>A tensor view over an array whose elements are a tensor element type; null for other arrays.</summary>
    internal static INdArray? ArrayTensor(Array array) =>
        DTypes.TryGetElementType(array.GetType().GetElementType()!, out var elementType) ? elementType.View(array) : null;

    internal static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    internal static string Describe(IReadOnlyList<string> path) =>
        path.Count == 0 ? "the root" : "'" + string.Join(StateDict.PathSeparator, path) + "'";
}
