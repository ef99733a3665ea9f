using Checkpoint;

namespace LargeTensorChild;

/// <summary>A model whose one parameter is a float32 matrix of any size (3 GiB in the test).</summary>
public partial class BigModel
{
    public BigModel(int rows, int columns) => Embedding = NdArray<float>.Zeros(rows, columns);

    [Param] public NdArray<float> Embedding { get; set; }
}
