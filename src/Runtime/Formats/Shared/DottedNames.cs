namespace Checkpoint.Formats;

/// <summary>
/// The mapping between a tree and the flat, named arrays of npz and safetensors files: nested maps are joined
/// with dots (<c>encoder</c> → <c>weight</c> is <c>encoder.weight</c>) and split again on reading.
/// </summary>
internal static class DottedNames
{
    /// <summary>
    /// Every leaf of <paramref name="root"/> with its dotted name, depth first in key order. Empty maps hold no
    /// leaf and are not written.
    /// </summary>
    /// <exception cref="CheckpointException">A key contains a dot, so its name would come back as a nested entry.</exception>
    public static IEnumerable<KeyValuePair<string, StateNode>> Flatten(StateDict root, string format)
    {
        foreach (var leaf in root.Leaves())
        {
            // A key with a dot in it ("a.b" at one level) gives the same name as a nested entry (a → b), so the
            // name would not lead back to this leaf: refuse it instead of writing a file that reads differently.
            if (!root.TryGetPath(leaf.Key.Split(StateDict.PathSeparator), out var found) || !ReferenceEquals(found, leaf.Value))
                throw new CheckpointException(
                    $"Cannot save '{leaf.Key}' as {format}: a key on this path contains '.', which {format} names use to separate levels; rename the key.");
            yield return leaf;
        }
    }

    /// <summary>
    /// Builds the tree of named nodes: each name is split on dots into nested maps, unless
    /// <paramref name="keepDottedNames"/> keeps every name as one key of the root.
    /// </summary>
    /// <exception cref="CheckpointFormatException">Two names collide (the same name twice, or an array that another name needs as a map).</exception>
    public static StateDict Nest(IEnumerable<KeyValuePair<string, StateNode>> named, bool keepDottedNames, string fileName)
    {
        var root = new StateDict();
        foreach (var (name, node) in named)
        {
            if (keepDottedNames)
            {
                if (!root.ContainsKey(name)) root.Add(name, node);
                else throw Collision(fileName, name, $"the name '{name}' appears twice");
                continue;
            }

            var segments = name.Split(StateDict.PathSeparator);
            var map = root;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                if (!map.TryGetValue(segments[i], out var child))
                {
                    var created = new StateDict();
                    map.Add(segments[i], created);
                    map = created;
                }
                else
                {
                    map = child as StateDict
                        ?? throw Collision(fileName, name, $"'{string.Join(StateDict.PathSeparator, segments[..(i + 1)])}' is an array, so '{name}' cannot be nested under it");
                }
            }

            if (map.ContainsKey(segments[^1]))
                throw Collision(fileName, name, map[segments[^1]] is StateDict
                    ? $"'{name}' is an array and also the prefix of other names"
                    : $"the name '{name}' appears twice");
            map.Add(segments[^1], node);
        }

        return root;
    }

    private static CheckpointFormatException Collision(string fileName, string name, string detail) =>
        new($"{detail}; names that do not form a tree can be read with KeepDottedNames = true", fileName, name, 0);
}
