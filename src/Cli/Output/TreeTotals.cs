using Checkpoint.Cli.Arrays;

namespace Checkpoint.Cli.Output;

/// <summary>Counts of a tree: leaves, arrays, elements and array bytes (from dtypes and shapes; no array is read).</summary>
internal sealed class TreeTotals
{
    public int Leaves { get; private set; }

    public int Arrays { get; private set; }

    public long Elements { get; private set; }

    public long ArrayBytes { get; private set; }

    /// <summary>The totals of a whole tree.</summary>
    public static TreeTotals Of(StateNode root)
    {
        var totals = new TreeTotals();
        totals.AddTree(root);
        return totals;
    }

    /// <summary>Counts one node (not its children).</summary>
    public void Add(StateNode node)
    {
        if (node is StateDict) return;
        Leaves++;
        if (node is not TensorNode tensor) return;
        Arrays++;
        Elements += TensorPieces.ElementCount(tensor);
        ArrayBytes += tensor.ByteLength;
    }

    /// <summary><c>3 leaves, 2 arrays, 44 elements, 176 B of array data</c>.</summary>
    public string Describe() =>
        $"{Leaves} leaves, {Arrays} arrays, {Elements} elements, {Sizes.Format(ArrayBytes)} of array data";

    private void AddTree(StateNode node)
    {
        Add(node);
        if (node is StateDict map)
            foreach (var (_, child) in map) AddTree(child);
    }
}
