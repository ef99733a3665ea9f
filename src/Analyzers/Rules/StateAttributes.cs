using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Rules;

/// <summary>The Checkpoint attributes as the analyzers see them: matched by metadata name, never by reference.</summary>
internal enum StateAttributeKind
{
    None,
    Param,
    LongTerm,
    ShortTerm,
    Config,
    NotState,
}

/// <summary>Finds the Checkpoint attributes on symbols (the runtime is never referenced by the analyzers).</summary>
internal static class StateAttributes
{
    public const string Namespace = StateTypeRules.Namespace;
    public const string ParamName = StateTypeRules.ParamAttributeName;
    public const string LongTermName = StateTypeRules.LongTermAttributeName;
    public const string ShortTermName = StateTypeRules.ShortTermAttributeName;
    public const string ConfigName = StateTypeRules.ConfigAttributeName;
    public const string NotStateName = StateTypeRules.NotStateAttributeName;
    public const string ModuleName = StateTypeRules.ModuleAttributeName;

    /// <summary>What a single attribute is, or <see cref="StateAttributeKind.None"/>.</summary>
    public static StateAttributeKind KindOf(AttributeData attribute)
    {
        var type = attribute.AttributeClass;
        if (type is null || !IsInCheckpointNamespace(type))
            return StateAttributeKind.None;
        return type.Name switch
        {
            ParamName => StateAttributeKind.Param,
            LongTermName => StateAttributeKind.LongTerm,
            ShortTermName => StateAttributeKind.ShortTerm,
            ConfigName => StateAttributeKind.Config,
            NotStateName => StateAttributeKind.NotState,
            _ => StateAttributeKind.None,
        };
    }

    /// <summary>Whether the kind is one of the saved-or-reset state kinds (Param, LongTerm, ShortTerm).</summary>
    public static bool IsState(StateAttributeKind kind) =>
        kind is StateAttributeKind.Param or StateAttributeKind.LongTerm or StateAttributeKind.ShortTerm;

    /// <summary>Every Checkpoint member attribute on <paramref name="member"/>, in source order.</summary>
    public static List<(StateAttributeKind Kind, AttributeData Data)> Of(ISymbol member)
    {
        var found = new List<(StateAttributeKind, AttributeData)>();
        foreach (var attribute in member.GetAttributes())
        {
            var kind = KindOf(attribute);
            if (kind != StateAttributeKind.None)
                found.Add((kind, attribute));
        }
        return found;
    }

    /// <summary>The first state attribute (Param, LongTerm or ShortTerm) on the member, if any.</summary>
    public static AttributeData? FirstState(ISymbol member, out StateAttributeKind kind)
    {
        foreach (var attribute in member.GetAttributes())
        {
            var candidate = KindOf(attribute);
            if (IsState(candidate))
            {
                kind = candidate;
                return attribute;
            }
        }
        kind = StateAttributeKind.None;
        return null;
    }

    /// <summary>Whether the member carries an attribute of this kind.</summary>
    public static bool Has(ISymbol member, StateAttributeKind kind)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (KindOf(attribute) == kind)
                return true;
        }
        return false;
    }

    /// <summary>Whether the member carries any Checkpoint member attribute (state, config or NotState).</summary>
    public static bool HasAny(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (KindOf(attribute) != StateAttributeKind.None)
                return true;
        }
        return false;
    }

    /// <summary>Whether the type itself is marked <c>[Module]</c>.</summary>
    public static bool HasModule(INamedTypeSymbol type) => StateTypeRules.HasAttribute(type, ModuleName);

    /// <summary>A named argument of the attribute (<c>Name = "..."</c>), or null.</summary>
    public static TypedConstant? NamedArgument(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
                return pair.Value;
        }
        return null;
    }

    /// <summary>The string value of a named argument, or null when absent.</summary>
    public static string? NamedString(AttributeData attribute, string name) =>
        NamedArgument(attribute, name) is { Kind: TypedConstantKind.Primitive, Value: string text } ? text : null;

    /// <summary>The strings of an array-valued named argument (<c>FormerNames</c>); null entries are skipped.</summary>
    public static List<string> NamedStrings(AttributeData attribute, string name)
    {
        var result = new List<string>();
        if (NamedArgument(attribute, name) is { Kind: TypedConstantKind.Array } array && !array.IsNull)
        {
            foreach (var item in array.Values)
            {
                if (item.Value is string text)
                    result.Add(text);
            }
        }
        return result;
    }

    /// <summary>Whether the type sits directly in the <c>Checkpoint</c> namespace.</summary>
    public static bool IsInCheckpointNamespace(ITypeSymbol type) => StateTypeRules.HasFullName(type, Namespace, type.Name);
}
