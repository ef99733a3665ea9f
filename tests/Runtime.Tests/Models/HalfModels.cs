namespace Checkpoint.Tests.Models;

/// <summary>Short-term tensors of the narrow float types, reset through the runtime's conversions.</summary>
public partial class NarrowResets
{
    [ShortTerm(Fill = -1.5)] public Tensor<Half> HalfTrace = Tensor<Half>.Zeros(2);
    [ShortTerm(Fill = 0.25)] public Tensor<BFloat16> BTrace = Tensor<BFloat16>.Zeros(2);
    [ShortTerm(Fill = 3)] public Tensor<long> Counter = Tensor<long>.Zeros(2);
    [Param] public Tensor<float>? Lazy;
}
