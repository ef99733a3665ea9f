namespace Checkpoint.Tests.Models;

/// <summary>Short-term tensors of the narrow float types, reset through the runtime's conversions.</summary>
public partial class NarrowResets
{
    [ShortTerm(Fill = -1.5)] public NdArray<Half> HalfTrace = NdArray<Half>.Zeros(2);
    [ShortTerm(Fill = 0.25)] public NdArray<BFloat16> BTrace = NdArray<BFloat16>.Zeros(2);
    [ShortTerm(Fill = 3)] public NdArray<long> Counter = NdArray<long>.Zeros(2);
    [Param] public NdArray<float>? Lazy;
}
