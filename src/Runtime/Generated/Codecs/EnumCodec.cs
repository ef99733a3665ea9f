using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Checkpoint.Generated;

/// <summary>
/// Enum values, by the one rule used everywhere (model members, plain trees, templates, config records): saved as
/// the underlying integer, which is what a Python <c>IntEnum</c> (the enum braintools and flax users save) writes;
/// a load takes an integer that fits the underlying type, or a declared member name (<c>"Fast"</c>).
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EnumCodec<TEnum> : ValueCodec<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TypeCode Underlying = Type.GetTypeCode(typeof(TEnum));

    private EnumCodec()
    {
    }

    /// <summary>The codec.</summary>
    public static EnumCodec<TEnum> Instance { get; } = new();

    /// <inheritdoc />
    public override StateNode Write(TEnum value) => new IntegerNode(ToInteger(value));

    /// <inheritdoc />
    public override ValueLoad<TEnum> Read(StateNode source, TEnum current)
    {
        if (source is StringNode name)
        {
            // Only a declared name: TryParse alone also takes digits ("7"), padding and comma lists ("A, B").
            return Enum.TryParse<TEnum>(name.Value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && parsed.ToString() == name.Value
                ? ValueLoad<TEnum>.Replace(parsed)
                : ValueLoad<TEnum>.Fail($"'{name.Value}' is not a member of {typeof(TEnum).Name}");
        }

        if (!ScalarNodes.TryRead(source, out var number) || !number.IsInteger || number.IsBool)
            return ValueLoad<TEnum>.Fail($"expected an integer or a name of {typeof(TEnum).Name}, found {TensorLoads.Describe(source)}");
        return TryFromInteger(number.Integer, out var value)
            ? ValueLoad<TEnum>.Replace(value)
            : ValueLoad<TEnum>.Fail($"{number} does not fit {typeof(TEnum).Name}");
    }

    /// <inheritdoc />
    public override DType? DTypeOf(TEnum value) => DType.Int64;

    /// <summary>The value of the underlying integer (no reflection: the bits are read as the underlying type).</summary>
    public static Int128 ToInteger(TEnum value) => Underlying switch
    {
        TypeCode.SByte => Unsafe.As<TEnum, sbyte>(ref value),
        TypeCode.Byte => Unsafe.As<TEnum, byte>(ref value),
        TypeCode.Int16 => Unsafe.As<TEnum, short>(ref value),
        TypeCode.UInt16 => Unsafe.As<TEnum, ushort>(ref value),
        TypeCode.Int32 => Unsafe.As<TEnum, int>(ref value),
        TypeCode.UInt32 => Unsafe.As<TEnum, uint>(ref value),
        TypeCode.UInt64 => Unsafe.As<TEnum, ulong>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };

    /// <summary>The enum value whose underlying integer is <paramref name="integer"/>; false when it does not fit the underlying type.</summary>
    public static bool TryFromInteger(Int128 integer, out TEnum value)
    {
        value = default;
        var (min, max) = EnumIntegers.Range(Underlying);
        if (integer < min || integer > max) return false;
        EnumIntegers.Store(Underlying, integer, ref Unsafe.As<TEnum, byte>(ref value));
        return true;
    }
}

/// <summary>The integer side of enums whose type is known only at run time (boxed values in plain trees and templates).</summary>
internal static class EnumIntegers
{
    /// <summary>The node of a boxed enum: its underlying integer.</summary>
    public static IntegerNode ToNode(Enum value) => Type.GetTypeCode(value.GetType()) == TypeCode.UInt64
        ? new IntegerNode(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture))
        : new IntegerNode(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Reads a node into a new boxed value of <paramref name="template"/>'s enum type, by the rule of
    /// <see cref="EnumCodec{TEnum}"/>: an integer that fits the underlying type, or a declared member name.
    /// </summary>
    public static bool TryRead(Enum template, StateNode node, out Enum? value, out string? problem)
    {
        var type = template.GetType();
        value = null;
        problem = null;
        if (node is StringNode name)
        {
            if (Enum.TryParse(type, name.Value, ignoreCase: false, out var parsed) && parsed is Enum named
                && Enum.IsDefined(type, named) && named.ToString() == name.Value)
            {
                value = named;
                return true;
            }

            problem = $"'{name.Value}' is not a member of {type.Name}";
            return false;
        }

        var code = Type.GetTypeCode(type);
        var (min, max) = Range(code);
        if (!ScalarNodes.TryRead(node, out var number) || !number.IsInteger || number.IsBool)
        {
            problem = $"expected an integer or a name of {type.Name}, found {TensorLoads.Describe(node)}";
            return false;
        }

        if (number.Integer < min || number.Integer > max)
        {
            problem = $"{number} does not fit {type.Name}";
            return false;
        }

        // Parsing the decimal text makes a box of the template's type without Enum.ToObject or reflection.
        if (!Enum.TryParse(type, number.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture), ignoreCase: false, out var boxed)
            || boxed is not Enum fromInteger)
        {
            problem = $"{number} does not fit {type.Name}";
            return false;
        }

        value = fromInteger;
        return true;
    }

    public static (Int128 Min, Int128 Max) Range(TypeCode code) => code switch
    {
        TypeCode.SByte => (sbyte.MinValue, sbyte.MaxValue),
        TypeCode.Byte => (byte.MinValue, byte.MaxValue),
        TypeCode.Int16 => (short.MinValue, short.MaxValue),
        TypeCode.UInt16 => (ushort.MinValue, ushort.MaxValue),
        TypeCode.Int32 => (int.MinValue, int.MaxValue),
        TypeCode.UInt32 => (uint.MinValue, uint.MaxValue),
        TypeCode.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    public static void Store(TypeCode code, Int128 integer, ref byte destination)
    {
        switch (code)
        {
            case TypeCode.SByte: Unsafe.As<byte, sbyte>(ref destination) = (sbyte)integer; break;
            case TypeCode.Byte: destination = (byte)integer; break;
            case TypeCode.Int16: Unsafe.As<byte, short>(ref destination) = (short)integer; break;
            case TypeCode.UInt16: Unsafe.As<byte, ushort>(ref destination) = (ushort)integer; break;
            case TypeCode.Int32: Unsafe.As<byte, int>(ref destination) = (int)integer; break;
            case TypeCode.UInt32: Unsafe.As<byte, uint>(ref destination) = (uint)integer; break;
            case TypeCode.UInt64: Unsafe.As<byte, ulong>(ref destination) = (ulong)integer; break;
            default: Unsafe.As<byte, long>(ref destination) = (long)integer; break;
        }
    }
}
