using System.Numerics.Tensors;
using Checkpoint;

namespace Checkpoint.ForeignTensor;

/// <summary>
/// A model whose weights are a tensor of your own type: the generator accepts any member whose type implements
/// <see cref="INdArray"/>, beside the platform's <see cref="Tensor{T}"/> and Checkpoint's <see cref="NdArray{T}"/>.
/// </summary>
public partial class Encoder
{
    /// <summary>Native weights; null until loaded or initialised (a load creates them through INdArrayFactory).</summary>
    [Param] public PagedNativeTensor? Weights { get; set; }

    /// <summary>The platform's tensor type as a member.</summary>
    [Param] public Tensor<float> Bias { get; set; } = Tensor.Create(new float[1000], [1000]);

    /// <summary>Short-term state of your own type: reset fills it, saves leave it out.</summary>
    [ShortTerm(Fill = 0.5)] public PagedNativeTensor Activity { get; set; } = new(DType.Float32, [1000]);
}
