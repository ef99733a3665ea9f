using System.Diagnostics.CodeAnalysis;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The structure of a checkpoint file without its array data: maps, small leaves, and a <see cref="TensorRef"/>
/// for every array (chunked arrays already joined into one reference). Built by
/// <see cref="MsgPackReader.ReadIndex"/> so that a load can check a whole file against a model before copying
/// any bytes, then read each array straight into the model's memory with <see cref="MsgPackReader.ReadTensorData"/>.
/// </summary>
public sealed class MsgPackIndex
{
    internal MsgPackIndex(MsgPackIndexNode root, string? fileName, long byteLength)
    {
        Root = root;
        FileName = fileName;
        ByteLength = byteLength;
    }

    /// <summary>The root object (normally a <see cref="MsgPackIndexMap"/>).</summary>
    public MsgPackIndexNode Root { get; }

    /// <summary>The source name given in the read options, or null.</summary>
    public string? FileName { get; }

    /// <summary>The number of bytes the root object occupies in the source.</summary>
    public long ByteLength { get; }

    /// <summary>Looks up a dotted path such as <c>"params.layers.0.weight"</c>; the empty path is the root.</summary>
    public bool TryGetPath(string path, [MaybeNullWhen(false)] out MsgPackIndexNode node)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryGetPath(path.Length == 0 ? [] : path.Split(StateDict.PathSeparator), out node);
    }

    /// <summary>Looks up a path given as its segments.</summary>
    public bool TryGetPath(IReadOnlyList<string> segments, [MaybeNullWhen(false)] out MsgPackIndexNode node)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var current = Root;
        foreach (var segment in segments)
        {
            if (current is not MsgPackIndexMap map || !map.TryGetValue(segment, out var next))
            {
                node = null;
                return false;
            }

            current = next;
        }

        node = current;
        return true;
    }

    /// <summary>Every leaf (array reference or small value) with its dotted path, depth first in file order. Empty maps are not leaves.</summary>
    public IEnumerable<KeyValuePair<string, MsgPackIndexNode>> Leaves() => Leaves(Root, "");

    /// <summary>Every array reference in file order.</summary>
    public IEnumerable<TensorRef> Tensors() => Leaves().Select(l => l.Value).OfType<TensorRef>();

    private static IEnumerable<KeyValuePair<string, MsgPackIndexNode>> Leaves(MsgPackIndexNode node, string prefix)
    {
        if (node is not MsgPackIndexMap map)
        {
            yield return new KeyValuePair<string, MsgPackIndexNode>(prefix, node);
            yield break;
        }

        // Iterative per level would be faster; depth is bounded by the read options, so recursion is fine.
        foreach (var (key, child) in map)
        {
            var path = prefix.Length == 0 ? key : prefix + StateDict.PathSeparator + key;
            foreach (var leaf in Leaves(child, path)) yield return leaf;
        }
    }
}
