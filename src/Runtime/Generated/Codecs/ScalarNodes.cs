using System.Numerics;
using System.Runtime.CompilerServices;

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
    public static StateNode ToNode<T>(T value) where T : unmanaged
    {
        if (typeof(T) == typeof(bool)) return new BoolNode(Unsafe.As<T, bool>(ref value));
        if (typeof(T) == typeof(double)) return new FloatNode(Unsafe.As<T, double>(ref value));
        if (typeof(T) == typeof(Complex)) return new ComplexNode(Unsafe.As<T, Complex>(ref value));
        if (typeof(T) == typeof(sbyte)) return new IntegerNode(Unsafe.As<T, sbyte>(ref value));
        if (typeof(T) == typeof(short)) return new IntegerNode(Unsafe.As<T, short>(ref value));
        if (typeof(T) == typeof(int)) return new IntegerNode(Unsafe.As<T, int>(ref value));
        if (typeof(T) == typeof(long)) return new IntegerNode(Unsafe.As<T, long>(ref value));
        if (typeof(T) == typeof(byte)) return new IntegerNode(Unsafe.As<T, byte>(ref value));
        if (typeof(T) == typeof(ushort)) return new IntegerNode(Unsafe.As<T, ushort>(ref value));
        if (typeof(T) == typeof(uint)) return new IntegerNode(Unsafe.As<T, uint>(ref value));
        if (typeof(T) == typeof(ulong)) return new IntegerNode(Unsafe.As<T, ulong>(ref value));
        // float, Half, BFloat16, Complex64: numpy scalars keep the dtype.
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
        number = tensor.DType switch
        {
            DType.Int64 => FromInteger(BitConverter.ToInt64(bytes)),
            DType.UInt64 => FromInteger(BitConverter.ToUInt64(bytes)),
            DType.Bool => new NodeNumber(true, bytes[0] != 0 ? 1 : 0, bytes[0] != 0 ? 1 : 0, true),
            DType.Int8 or DType.Int16 or DType.Int32 or DType.UInt8 or DType.UInt16 or DType.UInt32 =>
                FromInteger((Int128)TensorConversion.Read(tensor.DType, bytes, 0).Real),
            _ => new NodeNumber(false, 0, TensorConversion.Read(tensor.DType, bytes, 0), false),
        };
        return true;
    }

    private static NodeNumber FromInteger(Int128 value) => new(true, value, (double)value, false);

    public static bool TryConvert<T>(NodeNumber n, out T value) where T : unmanaged
    {
        value = default;
        if (typeof(T) == typeof(bool))
        {
            if (!n.IsInteger || (n.Integer != 0 && n.Integer != 1)) return false;
            var b = n.Integer == 1;
            value = Unsafe.As<bool, T>(ref b);
            return true;
        }

        if (typeof(T) == typeof(sbyte)) return TryInteger(n, sbyte.MinValue, sbyte.MaxValue, out value);
        if (typeof(T) == typeof(short)) return TryInteger(n, short.MinValue, short.MaxValue, out value);
        if (typeof(T) == typeof(int)) return TryInteger(n, int.MinValue, int.MaxValue, out value);
        if (typeof(T) == typeof(long)) return TryInteger(n, long.MinValue, long.MaxValue, out value);
        if (typeof(T) == typeof(byte)) return TryInteger(n, byte.MinValue, byte.MaxValue, out value);
        if (typeof(T) == typeof(ushort)) return TryInteger(n, ushort.MinValue, ushort.MaxValue, out value);
        if (typeof(T) == typeof(uint)) return TryInteger(n, uint.MinValue, uint.MaxValue, out value);
        if (typeof(T) == typeof(ulong)) return TryInteger(n, ulong.MinValue, ulong.MaxValue, out value);

        var exact = n.IsInteger ? (Complex)(double)n.Integer : n.Value;
        if (n.IsInteger && (Int128)(double)n.Integer != n.Integer) return false;
        if (typeof(T) == typeof(Complex)) return Store(exact, out value);
        if (typeof(T) == typeof(Complex64))
        {
            var c = (Complex64)exact;
            return Same(c.Real, exact.Real) && Same(c.Imaginary, exact.Imaginary) && Store(c, out value);
        }

        if (exact.Imaginary != 0) return false;
        var real = exact.Real;
        if (typeof(T) == typeof(double)) return Store(real, out value);
        if (typeof(T) == typeof(float)) { var f = (float)real; return Same(f, real) && Store(f, out value); }
        if (typeof(T) == typeof(Half)) { var h = (Half)real; return Same((double)h, real) && Store(h, out value); }
        if (typeof(T) == typeof(BFloat16)) { var h = (BFloat16)(float)real; return Same((float)h, real) && Store(h, out value); }
        return false;
    }

    private static bool Same(double narrowed, double original) =>
        narrowed.Equals(original) || (double.IsNaN(narrowed) && double.IsNaN(original));

    private static bool Store<TFrom, T>(TFrom from, out T value) where TFrom : unmanaged where T : unmanaged
    {
        value = Unsafe.As<TFrom, T>(ref from);
        return true;
    }

    private static bool TryInteger<T>(NodeNumber n, Int128 min, Int128 max, out T value) where T : unmanaged
    {
        value = default;
        Int128 integer;
        if (n.IsInteger) integer = n.Integer;
        else if (n.Value.Imaginary == 0 && double.IsFinite(n.Value.Real) && Math.Floor(n.Value.Real) == n.Value.Real
                 && n.Value.Real >= -1.8e19 && n.Value.Real <= 1.8e19)
            integer = (Int128)n.Value.Real;
        else return false;
        if (integer < min || integer > max) return false;
        // Write through the widest type, then reinterpret the low bytes: little-endian makes this exact.
        var wide = (ulong)(long)(integer > long.MaxValue ? (long)(ulong)integer : (long)integer);
        value = Unsafe.As<ulong, T>(ref wide);
        return true;
    }
}
