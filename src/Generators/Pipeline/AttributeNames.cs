using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators.Pipeline;

/// <summary>
/// The Checkpoint attributes as written in source, before any binding: <c>[Param]</c>, <c>[ParamAttribute]</c>,
/// <c>[Checkpoint.Param]</c>, <c>[global::Checkpoint.Param]</c>, or a name a <c>using</c> alias gives them.
/// </summary>
internal static class AttributeNames
{
    private static readonly HashSet<string> MemberNames =
        ["Param", "ParamAttribute", "LongTerm", "LongTermAttribute", "ShortTerm", "ShortTermAttribute", "Config", "ConfigAttribute"];

    private static readonly HashSet<string> TypeNames = ["Module", "ModuleAttribute"];

    /// <summary>
    /// Whether a class declaration may declare a model: it carries an attribute named Module, or one of its fields or
    /// properties carries one named Param, LongTerm, ShortTerm or Config (by those names, by a local alias of them, or
    /// by one of <paramref name="globalAliases"/>).
    /// </summary>
    public static bool MayDeclareModel(TypeDeclarationSyntax declaration, HashSet<string>? globalAliases = null)
    {
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (Names(attribute, TypeNames, globalAliases)) return true;
            }
        }

        foreach (var member in declaration.Members)
        {
            if (member is not (FieldDeclarationSyntax or PropertyDeclarationSyntax)) continue;
            foreach (var list in member.AttributeLists)
            {
                foreach (var attribute in list.Attributes)
                {
                    if (Names(attribute, MemberNames, globalAliases)) return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether an alias target names a Checkpoint member or module attribute (<c>Checkpoint.ParamAttribute</c>).</summary>
    public static bool IsCheckpointAttribute(NameSyntax? target)
    {
        var name = SimpleName(target);
        return MemberNames.Contains(name) || TypeNames.Contains(name);
    }

    private static bool Names(AttributeSyntax attribute, HashSet<string> names, HashSet<string>? globalAliases)
    {
        var name = SimpleName(attribute.Name);
        if (names.Contains(name) || globalAliases?.Contains(name) == true) return true;
        return IsLocalAlias(attribute, name, names);
    }

    // `using P = Checkpoint.ParamAttribute;` in the file or an enclosing namespace.
    private static bool IsLocalAlias(SyntaxNode node, string name, HashSet<string> names)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            var usings = current switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                _ => default,
            };
            foreach (var directive in usings)
            {
                if (directive.Alias is { } alias && alias.Name.Identifier.ValueText == name && names.Contains(SimpleName(directive.Name)))
                    return true;
            }
        }

        return false;
    }

    private static string SimpleName(NameSyntax? name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };
}
