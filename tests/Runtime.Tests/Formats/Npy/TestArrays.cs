namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>Arrays with distinct bytes in every position, of any dtype and shape.</summary>
internal static class TestArrays
{
    public static INdArray Make(DType dtype, params int[] shape)
    {
        var tensor = DTypes.CreateTensor(dtype, shape);
        var seed = (int)dtype * 31 + shape.Sum();
        tensor.FillBytes((offset, piece) =>
        {
            for (var i = 0; i < piece.Length; i++)
                piece[i] = dtype == DType.Bool ? (byte)((offset + i + seed) % 3 == 0 ? 1 : 0) : (byte)((offset + i) * 37 + seed);
        });
        return tensor;
    }

    public static TheoryData<DType> NumpyDTypes()
    {
        var data = new TheoryData<DType>();
        foreach (var dtype in Enum.GetValues<DType>())
            if (dtype != DType.BFloat16) data.Add(dtype);
        return data;
    }
}
