using Checkpoint.Cli.Output;
using Checkpoint.Formats;

namespace Checkpoint.Cli.Diffing;

/// <summary>
/// Compares two trees path by path, whatever formats they came from: paths only in the first (removed), only in the
/// second (added), and in both with a different kind, dtype, shape or value (changed). Arrays are compared element by
/// element in pieces (<see cref="ElementComparison"/>); Python numbers compare with the 0-d arrays other formats make
/// of them, so a kind change alone is reported with its values. Empty maps hold no leaf and are not compared.
/// </summary>
internal sealed class TreeDiff
{
    private TreeDiff(IReadOnlyList<LeafDifference> differences, int leavesCompared, long arrayBytesCompared)
    {
        Differences = differences;
        LeavesCompared = leavesCompared;
        ArrayBytesCompared = arrayBytesCompared;
    }

    public IReadOnlyList<LeafDifference> Differences { get; }

    /// <summary>How many paths were in both trees.</summary>
    public int LeavesCompared { get; }

    /// <summary>The array bytes of the first tree that were compared.</summary>
    public long ArrayBytesCompared { get; }

    public bool AreEqual => Differences.Count == 0;

    public static TreeDiff Compare(StateNode a, StateNode b, CancellationToken cancellationToken)
    {
        var left = Leaves(a);
        var right = Leaves(b);
        var rightByPath = right.ToDictionary(leaf => leaf.Key, leaf => leaf.Value, StringComparer.Ordinal);
        var leftPaths = left.Select(leaf => leaf.Key).ToHashSet(StringComparer.Ordinal);
        var differences = new List<LeafDifference>();
        var compared = 0;
        long bytes = 0;
        foreach (var (path, node) in left)
        {
            if (!rightByPath.TryGetValue(path, out var other))
            {
                differences.Add(new LeafDifference(path, node, null, null));
                continue;
            }

            compared++;
            if (node is TensorNode tensor) bytes += tensor.ByteLength;
            if (CompareLeaves(path, node, other, cancellationToken) is { } difference) differences.Add(difference);
        }

        differences.AddRange(right.Where(leaf => !leftPaths.Contains(leaf.Key)).Select(leaf => new LeafDifference(leaf.Key, null, leaf.Value, null)));
        return new TreeDiff(differences, compared, bytes);
    }

    private static LeafDifference? CompareLeaves(string path, StateNode a, StateNode b, CancellationToken cancellationToken)
    {
        var sameKind = a.Kind == b.Kind;
        if (NumericLeaves.AsArray(a) is { } arrayA && NumericLeaves.AsArray(b) is { } arrayB)
        {
            if (!TensorShape.Equal(arrayA.Shape, arrayB.Shape)) return new LeafDifference(path, a, b, null);
            var elements = ElementComparison.Compare(arrayA, arrayB, cancellationToken);
            return sameKind && arrayA.DType == arrayB.DType && elements.Differing == 0 ? null : new LeafDifference(path, a, b, elements);
        }

        var equal = sameKind && (a, b) switch
        {
            (StringNode x, StringNode y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
            (BytesNode x, BytesNode y) => x.Value.AsSpan().SequenceEqual(y.Value),
            (NullNode, NullNode) => true,
            _ => false,
        };
        return equal ? null : new LeafDifference(path, a, b, null);
    }

    private static List<KeyValuePair<string, StateNode>> Leaves(StateNode root) =>
        root is StateDict map ? map.Leaves().ToList() : [new KeyValuePair<string, StateNode>(DiffText.RootPath, root)];
}
