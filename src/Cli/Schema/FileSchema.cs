using Checkpoint.Schema;

namespace Checkpoint.Cli.Schema;

/// <summary>
/// The schema lines of a checkpoint file's tree, as the code's schema would write them for the model saved in it
/// (docs/schema.md): one line per leaf, a quantity map as one line, and the entries of a list of models folded into
/// one <c>*</c> line when they all hold the same paths. Only structure is read: arrays stay in the file.
/// </summary>
internal static class FileSchema
{
    // braintools saves a brainunit Quantity as this map (Checkpoint.Quantity.ToNode); the first three are required.
    private static readonly string[] QuantityKeys = ["mantissa", "scale", "dim", "base", "factor"];

    /// <summary>
    /// The lines of <paramref name="model"/>'s paths in <paramref name="root"/>: the root map, or for a training
    /// checkpoint (<see cref="IsTrainingLayout"/>) its <c>params</c> and <c>long_term</c> maps.
    /// </summary>
    /// <exception cref="CheckpointException">The root is not a map (an .npy file's one array).</exception>
    public static List<SchemaLine> Read(StateNode root, string model, string fileName, CancellationToken cancellationToken)
    {
        if (root is not StateDict map)
            throw new CheckpointException($"{fileName}: the root is {TreeWords.Describe(root)}, not a map of a model's state, so it has no schema.");
        var lines = new List<SchemaLine>();
        var reader = new Reader(model, lines, cancellationToken);
        if (IsTrainingLayout(map))
        {
            foreach (var section in new[] { CheckpointKeys.Params, CheckpointKeys.LongTerm })
            {
                if (map.TryGetValue(section, out var node) && node is StateDict sectionMap) reader.Walk(sectionMap, []);
            }
        }
        else
        {
            reader.Walk(map, []);
        }

        return lines;
    }

    /// <summary>
    /// True for the layout of <see cref="TrainingCheckpoint"/> (and the BrainPy guide): a <c>params</c> map beside at
    /// least one of <c>version</c>, <c>epoch</c> and <c>metadata</c>. The model's state is in <c>params</c> and <c>long_term</c>.
    /// </summary>
    public static bool IsTrainingLayout(StateDict root) =>
        root.TryGetValue(CheckpointKeys.Params, out var parameters) && parameters is StateDict
        && (root.ContainsKey(CheckpointKeys.Version) || root.ContainsKey(CheckpointKeys.Epoch) || root.ContainsKey(CheckpointKeys.Metadata));

    /// <summary>The model type a training checkpoint's metadata names (<c>metadata.model_type</c>), or null.</summary>
    public static string? ModelType(StateNode root) =>
        root is StateDict map && map.TryGetValue(CheckpointKeys.Metadata, out var metadata) && metadata is StateDict values
        && values.TryGetValue(CheckpointKeys.ModelType, out var type) && type is StringNode name && SchemaText.IsModelName(name.Value)
            ? name.Value
            : null;

    private sealed class Reader(string model, List<SchemaLine> output, CancellationToken cancellationToken)
    {
        public void Walk(StateDict map, List<string> prefix)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsListOfMaps(map) && Folded(map) is { } shared)
            {
                prefix.Add(SchemaPaths.Wildcard);
                foreach (var (relative, leaf) in shared) Add(prefix, relative, leaf);
                prefix.RemoveAt(prefix.Count - 1);
                return;
            }

            foreach (var (key, node) in map)
            {
                prefix.Add(SchemaPaths.Escape(key));
                if (node is StateDict child && !IsQuantity(child)) Walk(child, prefix);
                else output.Add(Line(prefix, node));
                prefix.RemoveAt(prefix.Count - 1);
            }
        }

        // The relative lines every entry of a list holds, when they are all the same; null when they differ.
        private List<(string Relative, SchemaLine Leaf)>? Folded(StateDict list)
        {
            List<SchemaLine>? first = null;
            foreach (var (_, node) in list)
            {
                var lines = new List<SchemaLine>();
                new Reader(model, lines, cancellationToken).Walk((StateDict)node, []);
                lines.Sort(SchemaText.Order);
                if (first is null) first = lines;
                else if (!first.SequenceEqual(lines)) return null;
            }

            return first?.Select(line => (line.Path, line)).ToList();
        }

        private void Add(List<string> prefix, string relative, SchemaLine leaf) =>
            output.Add(leaf with { Path = SchemaPaths.Join(prefix) + "." + relative });

        private SchemaLine Line(List<string> path, StateNode node)
        {
            var (dtype, rank, kind) = Describe(node);
            return new SchemaLine(model, SchemaPaths.Join(path), dtype, rank, kind);
        }
    }

    private static (string DType, int Rank, string Kind) Describe(StateNode node) => node switch
    {
        TensorNode tensor => (tensor.DType.NumpyName(), tensor.Shape.Count, SchemaKinds.Array),
        NumpyScalarNode scalar => (scalar.Value.DType.NumpyName(), 0, SchemaKinds.Scalar),
        IntegerNode => (SchemaDTypes.Int, 0, SchemaKinds.Scalar),
        FloatNode => ("float64", 0, SchemaKinds.Scalar),
        BoolNode => ("bool", 0, SchemaKinds.Scalar),
        ComplexNode => ("complex128", 0, SchemaKinds.Scalar),
        StringNode => (SchemaDTypes.Str, 0, SchemaKinds.String),
        BytesNode => (SchemaDTypes.Bytes, 0, SchemaKinds.Bytes),
        StateDict quantity => Mantissa(quantity["mantissa"]),
        _ => (SchemaDTypes.None, SchemaLine.AnyRank, SchemaKinds.None),
    };

    private static (string DType, int Rank, string Kind) Mantissa(StateNode mantissa)
    {
        var (dtype, rank, _) = Describe(mantissa);
        return (dtype, rank, SchemaKinds.Quantity);
    }

    // A map of the quantity keys only, with mantissa, scale and dim among them and a numeric mantissa.
    private static bool IsQuantity(StateDict map)
    {
        if (map.Count < 3 || map.Count > QuantityKeys.Length) return false;
        foreach (var key in map.Keys)
        {
            if (Array.IndexOf(QuantityKeys, key) < 0) return false;
        }

        return map.ContainsKey("scale") && map.ContainsKey("dim")
            && map.TryGetValue("mantissa", out var mantissa) && mantissa is TensorNode or NumpyScalarNode or IntegerNode or FloatNode;
    }

    // Lists are saved as maps with the keys "0", "1", ... in order; only lists of maps (of models) are folded.
    private static bool IsListOfMaps(StateDict map)
    {
        if (map.Count == 0) return false;
        var index = 0;
        foreach (var (key, node) in map)
        {
            if (key != TreeWords.Index(index++) || node is not StateDict child || IsQuantity(child)) return false;
        }

        return true;
    }
}

/// <summary>Small words about tree nodes for messages.</summary>
file static class TreeWords
{
    public static string Describe(StateNode node) => node switch
    {
        TensorNode => "a single array",
        StateDict => "a map",
        _ => "a single " + node.Kind.ToString().ToLowerInvariant(),
    };

    public static string Index(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
