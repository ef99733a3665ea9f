using System.Numerics;

namespace Checkpoint.Runtime.Tests.Properties;

/// <summary>Compares two trees exactly (floats by their bits, so NaN and -0.0 count) and names the first difference.</summary>
internal static class TreeDiff
{
    /// <summary>Null when the trees are the same; otherwise where and how they differ.</summary>
    public static string? First(StateNode expected, StateNode actual, string path = "<root>")
    {
        if (expected.Kind != actual.Kind) return $"{path}: expected {expected.Kind}, got {actual.Kind}";
        switch (expected, actual)
        {
            case (StateDict e, StateDict a):
                if (!e.Keys.SequenceEqual(a.Keys)) return $"{path}: keys [{string.Join(", ", e.Keys)}] became [{string.Join(", ", a.Keys)}]";
                foreach (var key in e.Keys)
                {
                    if (First(e[key], a[key], $"{path}.{key}") is { } difference) return difference;
                }

                return null;
            case (TensorNode e, TensorNode a):
                return Arrays(e.Tensor, a.Tensor, path);
            case (NumpyScalarNode e, NumpyScalarNode a):
                return Arrays(e.Value, a.Value, path);
            case (IntegerNode e, IntegerNode a):
                return e.Value == a.Value ? null : $"{path}: {e.Value} became {a.Value}";
            case (FloatNode e, FloatNode a):
                return Bits(e.Value) == Bits(a.Value) ? null : $"{path}: {e.Value:R} became {a.Value:R}";
            case (BoolNode e, BoolNode a):
                return e.Value == a.Value ? null : $"{path}: {e.Value} became {a.Value}";
            case (StringNode e, StringNode a):
                return e.Value == a.Value ? null : $"{path}: string changed";
            case (BytesNode e, BytesNode a):
                return e.Value.AsSpan().SequenceEqual(a.Value) ? null : $"{path}: bytes changed";
            case (ComplexNode e, ComplexNode a):
                return Same(e.Value, a.Value) ? null : $"{path}: {e.Value} became {a.Value}";
            case (NullNode, NullNode):
                return null;
            default:
                return $"{path}: cannot compare {expected.GetType().Name}";
        }
    }

    private static string? Arrays(INdArray expected, INdArray actual, string path)
    {
        if (expected.DType != actual.DType) return $"{path}: dtype {expected.DType} became {actual.DType}";
        if (!expected.Shape.SequenceEqual(actual.Shape)) return $"{path}: shape ({string.Join(",", expected.Shape)}) became ({string.Join(",", actual.Shape)})";
        return expected.AsBytes().SequenceEqual(actual.AsBytes()) ? null : $"{path}: element bytes changed";
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static bool Same(Complex a, Complex b) => Bits(a.Real) == Bits(b.Real) && Bits(a.Imaginary) == Bits(b.Imaginary);
}
