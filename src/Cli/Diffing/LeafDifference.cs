namespace Checkpoint.Cli.Diffing;

/// <summary>One path that differs between two trees.</summary>
/// <param name="Path">The dotted path (<c>(root)</c> for a bare value at the root).</param>
/// <param name="A">The leaf in the first file; null when the path was added.</param>
/// <param name="B">The leaf in the second file; null when the path was removed.</param>
/// <param name="Elements">For two arrays (or numbers) of the same shape, how their elements differ.</param>
internal sealed record LeafDifference(string Path, StateNode? A, StateNode? B, ElementComparison? Elements)
{
    public bool IsAdded => A is null;

    public bool IsRemoved => B is null;

    public bool IsChanged => A is not null && B is not null;
}
