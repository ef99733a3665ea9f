namespace Checkpoint.Formats;

/// <summary>Copies the lazy arrays of a tree into memory, so the tree outlives the file it was read from.</summary>
internal static class Materialize
{
    /// <summary>A new tree with the same keys whose tensor leaves hold their bytes in memory.</summary>
    public static StateDict Tree(StateDict root, CancellationToken cancellationToken)
    {
        var copy = new StateDict();
        foreach (var (key, node) in root)
        {
            cancellationToken.ThrowIfCancellationRequested();
            copy.Add(key, node switch
            {
                StateDict map => Tree(map, cancellationToken),
                TensorNode tensor => Leaf(tensor),
                _ => node,
            });
        }

        return copy;
    }

    /// <summary>The leaf with its bytes in memory (read from the file now if it is lazy).</summary>
    public static TensorNode Leaf(TensorNode node) => node.Data is null ? node : new TensorNode(node.Tensor);
}
