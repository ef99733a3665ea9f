using Checkpoint.Formats.MsgPack;

namespace Checkpoint;

/// <summary>
/// What a load reads from: an in-memory tree, or the structure of a file whose array bytes stay on disk until
/// they are copied straight into their destination. Nodes are opaque (<see cref="StateNode"/> or
/// <see cref="MsgPackIndexNode"/>); loaders ask the source about them.
/// </summary>
internal abstract class LoadSource
{
    /// <summary>The root node.</summary>
    public abstract object Root { get; }

    /// <summary>The entries of a map node in order, or null when the node is not a map.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, object>>? MapEntries(object node);

    /// <summary>The node as a full <see cref="StateNode"/> (array data read into memory for file sources).</summary>
    public abstract StateNode Materialize(object node);

    /// <summary>The array data still in the file, or null when the node is not such an array.</summary>
    public virtual TensorRef? AsTensorRef(object node) => null;

    /// <summary>Copies an array's bytes from the file into <paramref name="destination"/>.</summary>
    public virtual void ReadInto(TensorRef tensor, Span<byte> destination) =>
        throw new InvalidOperationException("This source holds no file data.");

    /// <summary>A short description of a node for messages.</summary>
    public abstract string Describe(object node);

    /// <summary>Follows a path of keys from the root.</summary>
    public bool TryGet(IReadOnlyList<string> segments, out object node)
    {
        node = Root;
        foreach (var segment in segments)
        {
            if (!TryGetChild(node, segment, out node)) return false;
        }

        return true;
    }

    /// <summary>Looks up one key of a map node.</summary>
    public virtual bool TryGetChild(object node, string key, out object child)
    {
        if (MapEntries(node) is { } entries)
        {
            foreach (var (k, v) in entries)
            {
                if (k == key)
                {
                    child = v;
                    return true;
                }
            }
        }

        child = null!;
        return false;
    }
}

/// <summary>A source over an in-memory tree.</summary>
internal sealed class NodeLoadSource(StateNode root) : LoadSource
{
    public override object Root => root;

    public override IReadOnlyList<KeyValuePair<string, object>>? MapEntries(object node) =>
        node is StateDict map ? map.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)).ToList() : null;

    public override bool TryGetChild(object node, string key, out object child)
    {
        if (node is StateDict map && map.TryGetValue(key, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }

    public override StateNode Materialize(object node) => (StateNode)node;

    public override string Describe(object node) => TensorLoading.Describe((StateNode)node);
}

/// <summary>A source over a file's structure (<see cref="MsgPackReader.ReadIndex"/>) and its open stream.</summary>
internal sealed class IndexLoadSource(MsgPackIndex index, Stream stream, string fileName) : LoadSource
{
    public override object Root => index.Root;

    public override IReadOnlyList<KeyValuePair<string, object>>? MapEntries(object node) =>
        node is MsgPackIndexMap map ? map.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)).ToList() : null;

    public override bool TryGetChild(object node, string key, out object child)
    {
        if (node is MsgPackIndexMap map && map.TryGetValue(key, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }

    public override StateNode Materialize(object node) => node switch
    {
        MsgPackIndexLeaf leaf => leaf.Value,
        TensorRef tensor => new TensorNode(MsgPackReader.ReadTensor(stream, tensor, fileName)),
        MsgPackIndexMap map => MaterializeMap(map),
        _ => throw new InvalidOperationException($"Unknown index node {node.GetType().Name}."),
    };

    public override TensorRef? AsTensorRef(object node) => node as TensorRef;

    public override void ReadInto(TensorRef tensor, Span<byte> destination) =>
        MsgPackReader.ReadTensorData(stream, tensor, destination, fileName);

    public override string Describe(object node) => node switch
    {
        TensorRef t => $"an array {t.DType.NumpyName()}{TensorShape.Format(t.Shape)}",
        MsgPackIndexLeaf leaf => TensorLoading.Describe(leaf.Value),
        _ => "a map",
    };

    private StateDict MaterializeMap(MsgPackIndexMap map)
    {
        var result = new StateDict();
        foreach (var (key, child) in map) result.Add(key, Materialize(child));
        return result;
    }
}
