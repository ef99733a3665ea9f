using System.Numerics;
using System.Runtime.InteropServices;

namespace Checkpoint.Generated;

/// <summary>A numeric value read from a node: an exact integer, or a (possibly complex) floating value.</summary>
internal readonly record struct NodeNumber(bool IsInteger, Int128 Integer, Complex Value, bool IsBool)
{
    public override string ToString() =>
        IsBool ? (Integer != 0 ? "True" : "False")
        : IsInteger ? Integer.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Value.Imaginary == 0 ? Value.Real.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Scalar values to nodes and back, with exactness checks.</summary>
internal static class ScalarNodes
{
    /// <summary>
    /// The node of a scalar, the way braintools writes one: Python's own bool, int, float (float64) and complex
    /// (complex128) natively; every other element type as a numpy scalar, which keeps its dtype.
    /// </summary>
    public static StateNode ToNode<T>(T value) where T : unmanaged
    {
        var row = ElementTypeOf<T>.Row ?? throw new NotSupportedException($"{typeof(T)} is not a tensor element type.");
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref value));
        if (row.Kind == 'b') return new BoolNode(bytes[0] != 0);
        if (row.DType.IsInteger()) return new IntegerNode(DTypes.ReadInteger(row.DType, bytes, 0));
        if (row.DType == DType.Float64) return new FloatNode(row.ReadValue(bytes).Real);
        if (row.DType == DType.Complex128) return new ComplexNode(row.ReadValue(bytes));
        return NumpyScalarNode.From(value);
    }

    public static bool TryRead(StateNode node, out NodeNumber number)
    {
        switch (node)
        {
            case IntegerNode i:
                number = new NodeNumber(true, i.Value, (double)i.Value, false);
                return true;
            case FloatNode f:
                number = new NodeNumber(false, 0, f.Value, false);
                return true;
            case BoolNode b:
                number = new NodeNumber(true, b.Value ? 1 : 0, b.Value ? 1 : 0, true);
                return true;
            case ComplexNode c:
                number = new NodeNumber(false, 0, c.Value, false);
                return true;
            case NumpyScalarNode s:
                return TryReadTensor(s.Value, out number);
            case TensorNode t when t.Tensor.Length == 1 && t.Tensor.Shape.Count == 0:
                return TryReadTensor(t.Tensor, out number);
            default:
                number = default;
                return false;
        }
    }

    private static bool TryReadTensor(INdArray tensor, out NodeNumber number)
    {
        var bytes = tensor.AsBytes();
        var dtype = tensor.DType;
        number = dtype == DType.Bool ? new NodeNumber(true, bytes[0] != 0 ? 1 : 0, bytes[0] != 0 ? 1 : 0, true)
            : dtype.IsInteger() ? FromInteger(DTypes.ReadInteger(dtype, bytes, 0))
            : new NodeNumber(false, 0, TensorConversion.Read(dtype, bytes, 0), false);
        return true;
    }

    private static NodeNumber FromInteger(Int128 value) => new(true, value, (double)value, false);

    /// <summary>Converts a number to <typeparamref name="T"/> when the value survives exactly; false otherwise.</summary>
    public static bool TryConvert<T>(NodeNumber n, out T value) where T : unmanaged
    {
        value = default;
        var row = ElementTypeOf<T>.Row;
        if (row is null) return false;
        var bytes = MemoryMarshal.AsBytes(new Span<T>(ref value));
        if (row.Kind == 'b')
        {
            if (!n.IsInteger || (n.Integer != 0 && n.Integer != 1)) return false;
            bytes[0] = (byte)n.Integer;
            return true;
        }

        if (row.DType.IsInteger()) return TryInteger(n, row.DType, bytes);

        // Floating and complex types: write the value, read it back, and keep it only if nothing was lost.
        if (n.IsInteger && (Int128)(double)n.Integer != n.Integer) return false;
        var exact = n.IsInteger ? (Complex)(double)n.Integer : n.Value;
        if (exact.Imaginary != 0 && row.Kind != 'c') return false;
        row.WriteValue(bytes, exact);
        var back = row.ReadValue(bytes);
        return Same(back.Real, exact.Real) && Same(back.Imaginary, exact.Imaginary);
    }

    private static bool Same(double narrowed, double original) =>
        narrowed.Equals(original) || (double.IsNaN(narrowed) && double.IsNaN(original));

    private static bool TryInteger(NodeNumber n, DType dtype, Span<byte> bytes)
    {
        Int128 integer;
        if (n.IsInteger) integer = n.Integer;
        else if (n.Value.Imaginary == 0 && double.IsFinite(n.Value.Real) && Math.Floor(n.Value.Real) == n.Value.Real
                 && n.Value.Real >= -1.8e19 && n.Value.Real <= 1.8e19)
            integer = (Int128)n.Value.Real;
        else return false;
        var (min, max) = DTypes.IntegerRange(dtype);
        if (integer < min || integer > max) return false;
        // Two's complement, little-endian: the low bytes of the 64-bit pattern are the value in any narrower type.
        var wide = integer < 0 ? (ulong)(long)integer : (ulong)integer;
        MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(ref wide))[..bytes.Length].CopyTo(bytes);
        return true;
    }
}
