namespace Checkpoint.Tests.Models;

/// <summary>Members that may be null: they save as nil and must load back.</summary>
public partial class NullableMembers
{
    [Param] public NdArray<float>? Lazy;
    [Param] public float[]? Vector;
    [Param] public double[,]? Matrix;
    [Param] public Quantity? Threshold;
}
