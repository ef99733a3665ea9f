using System.Security.Cryptography;
using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Compares arrays read by the library with descriptions written by Python (dtype, shape, sha256 of the C-order little-endian bytes).</summary>
internal static class ArrayChecks
{
    public static string Sha256(INdArray tensor)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        tensor.ForEachPiece((_, piece) => hash.AppendData(piece));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Sha256(TensorNode node) => Sha256(node.Tensor);

    /// <summary>Asserts that <paramref name="node"/> is the array <paramref name="expected"/> describes.</summary>
    public static void Matches(JsonElement expected, TensorNode node, string what)
    {
        Assert.True(expected.GetProperty("dtype").GetString() == node.DType.NumpyName(), $"{what}: dtype {node.DType.NumpyName()}, expected {expected.GetProperty("dtype")}");
        var shape = expected.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.True(shape.SequenceEqual(node.Shape), $"{what}: shape {TensorShape.Format(node.Shape)}, expected {TensorShape.Format(shape)}");
        Assert.True(expected.GetProperty("sha256").GetString() == Sha256(node), $"{what}: the bytes differ from what Python wrote");
    }

    /// <summary>A Python prelude defining <c>describe(a)</c>: the same description as <see cref="Matches"/> checks.</summary>
    public const string PythonDescribe = """
        import hashlib, json, sys
        import numpy as np
        def describe(a):
            a = np.asarray(a)
            le = np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<')))
            return {"dtype": a.dtype.name, "shape": list(a.shape), "sha256": hashlib.sha256(le.tobytes()).hexdigest()}

        """;
}
