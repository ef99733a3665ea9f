using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>Naming policies, mirroring <c>Checkpoint.NamingPolicy</c> (the compiler side does not reference the runtime).</summary>
internal enum SourceNamingPolicy
{
    AsDeclared = 0,
    SnakeCase = 1,
    CamelCase = 2,
}

/// <summary>Which policy names a model's keys, and what a member name becomes under it.</summary>
internal static class NamingPolicies
{
    /// <summary>The naming policy of a model: its own <c>[StateNaming]</c>, else its assembly's, else as declared.</summary>
    public static SourceNamingPolicy Of(INamedTypeSymbol type, CheckpointSymbols symbols) =>
        Read(type, symbols.StateNamingAttribute)
        ?? (type.ContainingAssembly is { } assembly ? Read(assembly, symbols.StateNamingAttribute) : null)
        ?? SourceNamingPolicy.AsDeclared;

    private static SourceNamingPolicy? Read(ISymbol symbol, INamedTypeSymbol? stateNaming)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is null || !CheckpointSymbols.Is(attribute.AttributeClass, stateNaming)) continue;
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int value) return null;
            return value is >= 0 and <= 2 ? (SourceNamingPolicy)value : null;
        }

        return null;
    }

    /// <summary>The key of a member name under a policy (<c>RunningMean</c> to <c>running_mean</c> or <c>runningMean</c>).</summary>
    public static string Apply(string name, SourceNamingPolicy policy) => policy switch
    {
        SourceNamingPolicy.SnakeCase => ToSnakeCase(name),
        SourceNamingPolicy.CamelCase => ToCamelCase(name),
        _ => name,
    };

    /// <summary>
    /// <c>RunningMean</c> to <c>running_mean</c>, <c>VRest</c> to <c>v_rest</c>, <c>HTTPServer</c> to <c>http_server</c>,
    /// <c>Layer2Weight</c> to <c>layer2_weight</c>. A word starts at an upper-case letter that follows a lower-case
    /// letter or digit, or that ends a run of capitals and is followed by a lower-case letter.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    var previous = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                        builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>RunningMean</c> to <c>runningMean</c>, <c>HTTPServer</c> to <c>httpServer</c>: the leading run of
    /// capitals is lowered, except the last one when it starts the next word.
    /// </summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1])) break;
            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }
}
