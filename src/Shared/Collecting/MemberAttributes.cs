using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>One Checkpoint attribute on a member, with its index among all the member's attributes.</summary>
internal readonly struct MemberAttribute
{
    public MemberAttribute(MemberAttributeKind kind, int index, AttributeData data)
    {
        Kind = kind;
        Index = index;
        Data = data;
    }

    public MemberAttributeKind Kind { get; }

    /// <summary>The index in <c>GetAttributes()</c>, which is how a problem's site names the attribute.</summary>
    public int Index { get; }

    public AttributeData Data { get; }

    /// <summary>A named argument, or null when it was not set.</summary>
    public TypedConstant? Argument(string name)
    {
        foreach (var pair in Data.NamedArguments)
        {
            if (pair.Key == name) return pair.Value;
        }

        return null;
    }

    /// <summary>The string value of a named argument (<c>Name = "..."</c>), or null when absent.</summary>
    public string? StringArgument(string name) =>
        Argument(name) is { Kind: TypedConstantKind.Primitive, Value: string text } ? text : null;

    /// <summary>The strings of an array-valued named argument (<c>FormerNames</c>); null entries are skipped.</summary>
    public List<string> StringsArgument(string name)
    {
        var result = new List<string>();
        if (Argument(name) is { Kind: TypedConstantKind.Array, IsNull: false } array)
        {
            foreach (var item in array.Values)
            {
                if (item.Value is string text) result.Add(text);
            }
        }

        return result;
    }
}

/// <summary>The Checkpoint attributes of one field or property, in source order, read once.</summary>
internal sealed class MemberAttributes
{
    private static readonly MemberAttributes None = new([]);

    private MemberAttributes(MemberAttribute[] all)
    {
        All = all;
        foreach (var attribute in all)
        {
            if (attribute.Kind == MemberAttributeKind.NotState) HasNotState = true;
            if (attribute.Kind == MemberAttributeKind.Config) HasConfig = true;
            if (Role is null && attribute.Kind.IsRole()) Role = attribute;
            if (State is null && attribute.Kind.IsState()) State = attribute;
        }
    }

    /// <summary>Every Checkpoint member attribute (Param, LongTerm, ShortTerm, Config, NotState).</summary>
    public IReadOnlyList<MemberAttribute> All { get; }

    /// <summary>The first of Param, LongTerm, ShortTerm and Config: the one the generator honours.</summary>
    public MemberAttribute? Role { get; }

    /// <summary>The first of Param, LongTerm and ShortTerm.</summary>
    public MemberAttribute? State { get; }

    /// <summary>Marked <c>[NotState]</c>.</summary>
    public bool HasNotState { get; }

    /// <summary>Marked <c>[Config]</c> (wherever it stands among the attributes).</summary>
    public bool HasConfig { get; }

    /// <summary>Carries any Checkpoint member attribute.</summary>
    public bool Any => All.Count > 0;

    /// <summary>Reads the Checkpoint attributes of <paramref name="member"/>.</summary>
    public static MemberAttributes Read(ISymbol member, CheckpointSymbols symbols)
    {
        var attributes = member.GetAttributes();
        if (attributes.IsEmpty) return None;
        // Counted first so a member allocates one exact array (this runs for every field and property of every model).
        var count = 0;
        foreach (var attribute in attributes)
        {
            if (symbols.KindOf(attribute) != MemberAttributeKind.None) count++;
        }

        if (count == 0) return None;
        var found = new MemberAttribute[count];
        for (int i = 0, next = 0; i < attributes.Length; i++)
        {
            var kind = symbols.KindOf(attributes[i]);
            if (kind != MemberAttributeKind.None) found[next++] = new MemberAttribute(kind, i, attributes[i]);
        }

        return new MemberAttributes(found);
    }
}
