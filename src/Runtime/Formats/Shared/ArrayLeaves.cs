using System.Numerics;

namespace Checkpoint.Formats;

/// <summary>Which leaves a format of plain arrays (npy, npz, safetensors) can write, and as what array.</summary>
internal static class ArrayLeaves
{
    /// <summary>
    /// The leaf as an array: tensors as they are, numpy scalars as zero-dimensional arrays of their dtype, and,
    /// when <paramref name="includePythonScalars"/>, integers, floats, booleans and complex numbers as the
    /// zero-dimensional arrays numpy makes of them (<c>np.asarray(3)</c> is int64, <c>3.0</c> float64). Null for
    /// everything else (strings, bytes, None).
    /// </summary>
    public static TensorNode? AsArray(StateNode leaf, bool includePythonScalars)
    {
        switch (leaf)
        {
            case TensorNode tensor: return tensor;
            case NumpyScalarNode scalar: return new TensorNode(scalar.Value);
        }

        if (!includePythonScalars) return null;
        return leaf switch
        {
            IntegerNode i when i.Value >= long.MinValue && i.Value <= long.MaxValue => new TensorNode(NdArray<long>.Scalar((long)i.Value)),
            IntegerNode i => new TensorNode(NdArray<ulong>.Scalar((ulong)i.Value)),
            FloatNode f => new TensorNode(NdArray<double>.Scalar(f.Value)),
            BoolNode b => new TensorNode(NdArray<bool>.Scalar(b.Value)),
            ComplexNode c => new TensorNode(NdArray<Complex>.Scalar(c.Value)),
            _ => null,
        };
    }

    /// <summary>A refusal naming the path, the leaf and the format.</summary>
    public static CheckpointException Refusal(string path, StateNode leaf, string format, string hint) =>
        new($"Cannot save '{path}' as {format}: it holds {Describe(leaf)}, which {format} cannot hold{hint}.");

    private static string Describe(StateNode leaf) => leaf switch
    {
        TensorNode t => $"a {t.DType.NumpyName()} array",
        NumpyScalarNode s => $"a {s.Value.DType.NumpyName()} scalar",
        StringNode => "a string",
        BytesNode => "a byte string",
        NullNode => "None (null)",
        IntegerNode => "a Python integer",
        FloatNode => "a Python float",
        BoolNode => "a Python bool",
        ComplexNode => "a Python complex number",
        _ => leaf.Kind.ToString(),
    };
}
