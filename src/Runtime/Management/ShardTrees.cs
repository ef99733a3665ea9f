namespace Checkpoint.Management;

/// <summary>
/// Splits a state tree into the parts the ranks of a sharded save write, and merges shard trees back into one tree
/// for a restore. A part is a plain tree of the same shape (the leaves it holds at their paths), so each shard file
/// is a braintools-compatible msgpack file of its own, and the union of a step's shards is the whole state.
/// </summary>
internal static class ShardTrees
{
    // What a leaf weighs when the default split balances bytes: its array bytes, or a token for small values.
    private const long SmallLeafBytes = 16;

    /// <summary>The leaves of <paramref name="root"/> that <paramref name="sharding"/> gives to its rank, as a tree, with their dotted paths in order.</summary>
    public static (StateDict Part, IReadOnlyList<string> Paths) PartOf(StateDict root, ShardingOptions sharding)
    {
        var leaves = Leaves(root);
        var owner = sharding.PathFilter is { } filter
            ? leaves.Select(l => filter(l.Path) ? sharding.Rank : -1).ToArray()
            : sharding.Assign is { } assign
                ? leaves.Select(l => Checked(assign(l.Path), l.Path, sharding.WorldSize)).ToArray()
                : Balanced(leaves, sharding.WorldSize);
        var part = new StateDict();
        var paths = new List<string>();
        for (var i = 0; i < leaves.Count; i++)
        {
            if (owner[i] != sharding.Rank) continue;
            part.SetPath(leaves[i].Segments, leaves[i].Node);
            paths.Add(leaves[i].Path);
        }

        return (part, paths);
    }

    /// <summary>Merges shard trees into a new tree (the shards' own trees are not changed; leaves are shared, not copied); a leaf found in two shards is refused.</summary>
    /// <exception cref="CheckpointFormatException">Two shards hold the same path.</exception>
    public static StateDict Merge(IReadOnlyList<(StateDict Root, string Name)> shards)
    {
        var merged = new StateDict();
        foreach (var (root, name) in shards) MergeInto(merged, root, "", name);
        return merged;
    }

    /// <summary>Every leaf (an empty map counts as one, so it is saved somewhere) with its key segments and dotted path, depth first.</summary>
    private static List<(string[] Segments, string Path, StateNode Node)> Leaves(StateDict root)
    {
        var leaves = new List<(string[], string, StateNode)>();
        Walk(root, [], leaves);
        return leaves;
    }

    private static void Walk(StateDict map, List<string> prefix, List<(string[], string, StateNode)> leaves)
    {
        for (var i = 0; i < map.Count; i++)
        {
            prefix.Add(map.KeyAt(i));
            if (map.ValueAt(i) is StateDict { Count: > 0 } child) Walk(child, prefix, leaves);
            else leaves.Add(([.. prefix], string.Join(StateDict.PathSeparator, prefix), map.ValueAt(i)));
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    // Largest first, each to the rank with the fewest bytes so far (ties: the lower rank; equal sizes: path order):
    // deterministic, so every replica computes the same split.
    private static int[] Balanced(List<(string[] Segments, string Path, StateNode Node)> leaves, int worldSize)
    {
        var load = new long[worldSize];
        var owner = new int[leaves.Count];
        var order = Enumerable.Range(0, leaves.Count)
            .OrderByDescending(i => Weight(leaves[i].Node))
            .ThenBy(i => leaves[i].Path, StringComparer.Ordinal);
        foreach (var i in order)
        {
            var rank = 0;
            for (var r = 1; r < worldSize; r++)
            {
                if (load[r] < load[rank]) rank = r;
            }

            owner[i] = rank;
            load[rank] += Weight(leaves[i].Node);
        }

        return owner;
    }

    private static long Weight(StateNode node) => node is TensorNode tensor ? Math.Max(SmallLeafBytes, tensor.ByteLength) : SmallLeafBytes;

    private static int Checked(int rank, string path, int worldSize) =>
        rank >= 0 && rank < worldSize
            ? rank
            : throw new CheckpointException($"ShardingOptions.Assign gave rank {rank} for '{path}'; ranks are 0 to {worldSize - 1}.");

    private static void MergeInto(StateDict target, StateDict source, string path, string shardName)
    {
        for (var i = 0; i < source.Count; i++)
        {
            var key = source.KeyAt(i);
            var value = source.ValueAt(i);
            var childPath = path.Length == 0 ? key : path + StateDict.PathSeparator + key;
            if (!target.TryGetValue(key, out var existing))
            {
                target.Add(key, value is StateDict map ? Copy(map) : value);
            }
            else if (existing is StateDict existingMap && value is StateDict sourceMap && (sourceMap.Count > 0 || existingMap.Count == 0))
            {
                MergeInto(existingMap, sourceMap, childPath, shardName);
            }
            else
            {
                throw new CheckpointFormatException($"this path is also in another shard of the step (a shard holds each leaf once)", shardName, childPath, 0);
            }
        }
    }

    // Maps are copied as they are merged, so a shard's own tree is never changed.
    private static StateDict Copy(StateDict map)
    {
        var copy = new StateDict(map.Count);
        for (var i = 0; i < map.Count; i++) copy.Add(map.KeyAt(i), map.ValueAt(i) is StateDict child ? Copy(child) : map.ValueAt(i));
        return copy;
    }
}
