using Checkpoint.Generators.Model;

namespace Checkpoint.SourceRules;

/// <summary>Where in a model a problem is reported.</summary>
internal enum ProblemSiteKind
{
    /// <summary>The model type's name.</summary>
    Type,

    /// <summary>A field or property's name.</summary>
    Member,

    /// <summary>One attribute application on a field or property.</summary>
    Attribute,
}

/// <summary>
/// Where a problem is reported, without a location: the analyzers find the place again from the model's symbol
/// (the member by name, the attribute by its index in <c>GetAttributes()</c>), so problems stay plain values.
/// </summary>
/// <param name="Kind">The type, a member, or an attribute of a member.</param>
/// <param name="MemberName">The member's name (<see cref="ProblemSiteKind.Member"/>, <see cref="ProblemSiteKind.Attribute"/>).</param>
/// <param name="AttributeIndex">The attribute's index among the member's attributes (<see cref="ProblemSiteKind.Attribute"/>).</param>
internal sealed record ProblemSite(ProblemSiteKind Kind, string MemberName, int AttributeIndex)
{
    /// <summary>The model type itself.</summary>
    public static readonly ProblemSite Type = new(ProblemSiteKind.Type, "", -1);

    /// <summary>A member's name.</summary>
    public static ProblemSite Member(string name) => new(ProblemSiteKind.Member, name, -1);

    /// <summary>An attribute of a member.</summary>
    public static ProblemSite Attribute(string memberName, int index) => new(ProblemSiteKind.Attribute, memberName, index);
}

/// <summary>
/// Something the collector found wrong with a model: what the generator skipped or would get wrong, and why.
/// The analyzers report each as the diagnostic of <see cref="RuleId"/>, with <see cref="Arguments"/> as its message
/// arguments.
/// </summary>
/// <param name="RuleId">The diagnostic id (<see cref="RuleIds"/>).</param>
/// <param name="Site">Where it is reported.</param>
/// <param name="Arguments">The message arguments, in the descriptor's order.</param>
/// <param name="Fix">The mechanical fix a code fix can apply (a <see cref="Writability"/> fix name), or empty.</param>
internal sealed record Problem(string RuleId, ProblemSite Site, EquatableArray<string> Arguments, string Fix)
{
    /// <summary>A problem without a fix.</summary>
    public static Problem Create(string ruleId, ProblemSite site, params string[] arguments) =>
        new(ruleId, site, EquatableArray.From(arguments), "");
}
