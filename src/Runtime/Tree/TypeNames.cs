using System.Text;

namespace Checkpoint;

/// <summary>Type names as C# source spells them (<c>System.Numerics.Tensors.Tensor&lt;float&gt;</c>, <c>double[,]</c>), for messages.</summary>
internal static class TypeNames
{
    /// <summary>The full C# name of <paramref name="type"/>, with keyword aliases for the built-in types.</summary>
    public static string CSharp(Type type)
    {
        var text = new StringBuilder();
        Append(text, type, qualified: true);
        return text.ToString();
    }

    /// <summary>The short C# name (no namespace, no declaring type), for <c>Register&lt;Tensor&lt;float&gt;&gt;</c>-style hints.</summary>
    public static string Short(Type type)
    {
        var text = new StringBuilder();
        Append(text, type, qualified: false);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Type type, bool qualified)
    {
        if (Keyword(type) is { } keyword)
        {
            text.Append(keyword);
            return;
        }

        if (type.IsArray)
        {
            Append(text, type.GetElementType()!, qualified);
            text.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            Append(text, underlying, qualified);
            text.Append('?');
            return;
        }

        if (qualified && type.IsNested && !type.IsGenericParameter)
        {
            Append(text, type.DeclaringType!, qualified);
            text.Append('.');
        }
        else if (qualified && !string.IsNullOrEmpty(type.Namespace))
        {
            text.Append(type.Namespace).Append('.');
        }

        var name = type.Name;
        var tick = name.IndexOf('`');
        text.Append(tick < 0 ? name : name[..tick]);
        if (!type.IsGenericType || tick < 0) return;
        // Only the arguments this type adds (a nested type repeats its declaring type's arguments first).
        var arguments = type.GetGenericArguments();
        var own = int.Parse(name[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        text.Append('<');
        for (var i = arguments.Length - own; i < arguments.Length; i++)
        {
            if (i > arguments.Length - own) text.Append(", ");
            Append(text, arguments[i], qualified);
        }

        text.Append('>');
    }

    private static string? Keyword(Type type) => Type.GetTypeCode(type) switch
    {
        _ when type.IsEnum => null,
        TypeCode.Boolean => "bool",
        TypeCode.SByte => "sbyte",
        TypeCode.Byte => "byte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        TypeCode.String => "string",
        TypeCode.Char => "char",
        _ => type == typeof(object) ? "object" : null,
    };
}
