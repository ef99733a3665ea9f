using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Checkpoint.SourceRules;

/// <summary>How symbols are written into generated code: <c>global::</c>-qualified, keywords escaped.</summary>
internal static class SymbolNames
{
    // global::Demo.Linear, float, T; no nullable annotations (the emitter adds what it needs).
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>The type as written in generated code, without a nullable reference annotation.</summary>
    public static string TypeName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);

    /// <summary>The namespace (<c>Demo.Models</c>), or empty for the global namespace.</summary>
    public static string Namespace(INamespaceSymbol? ns) =>
        ns is null || ns.IsGlobalNamespace ? "" : ns.ToDisplayString(NamespaceFormat);

    /// <summary>An identifier, with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
