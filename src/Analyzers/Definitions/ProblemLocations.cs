using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Definitions;

/// <summary>Finds the place a problem's site names, again, from the model's symbol.</summary>
internal static class ProblemLocations
{
    public static Location Of(ProblemSite site, INamedTypeSymbol type)
    {
        if (site.Kind == ProblemSiteKind.Type || Member(type, site.MemberName) is not { } member) return First(type);
        if (site.Kind == ProblemSiteKind.Attribute)
        {
            var attributes = member.GetAttributes();
            if (site.AttributeIndex >= 0 && site.AttributeIndex < attributes.Length
                && attributes[site.AttributeIndex].ApplicationSyntaxReference is { } reference)
            {
                return Location.Create(reference.SyntaxTree, reference.Span);
            }
        }

        return First(member);
    }

    private static ISymbol? Member(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IFieldSymbol or IPropertySymbol && !member.IsImplicitlyDeclared) return member;
        }

        return null;
    }

    private static Location First(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;
}
