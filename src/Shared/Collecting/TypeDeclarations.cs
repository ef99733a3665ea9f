using System.Collections.Generic;
using System.Text;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>How a model's class (and the types containing it) is re-opened in the generated file, and that file's name.</summary>
internal static class TypeDeclarations
{
    /// <summary>The partial declaration to re-open: keyword, escaped name and type parameter list (constraints left out).</summary>
    public static TypeDeclarationSpec Of(INamedTypeSymbol type)
    {
        var keyword = type.TypeKind switch
        {
            TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
            TypeKind.Interface => "interface",
            _ => type.IsRecord ? "record" : "class",
        };

        var parameters = "";
        if (type.TypeParameters.Length > 0)
        {
            var text = new StringBuilder("<");
            for (var i = 0; i < type.TypeParameters.Length; i++)
            {
                var parameter = type.TypeParameters[i];
                if (i > 0) text.Append(", ");
                if (parameter.Variance == VarianceKind.In) text.Append("in ");
                if (parameter.Variance == VarianceKind.Out) text.Append("out ");
                text.Append(SymbolNames.Identifier(parameter.Name));
            }

            parameters = text.Append('>').ToString();
        }

        // Constraints are left out: a partial declaration may omit them when another part states them.
        return new TypeDeclarationSpec(keyword, SymbolNames.Identifier(type.Name), parameters);
    }

    /// <summary>The types <paramref name="type"/> is nested in, outermost first.</summary>
    public static EquatableArray<TypeDeclarationSpec> Containing(INamedTypeSymbol type)
    {
        var containing = new List<TypeDeclarationSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType) containing.Insert(0, Of(outer));
        return EquatableArray.From(containing);
    }

    /// <summary>The generated file's name: <c>Demo.Outer.Lif.g.cs</c>; generic types keep their arity (<c>Demo.Layer`1.g.cs</c>) so overloads by arity differ.</summary>
    public static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType) parts.Insert(0, current.MetadataName);
        var ns = SymbolNames.Namespace(type.ContainingNamespace).Replace("@", "");
        if (ns.Length > 0) parts.Insert(0, ns);
        return string.Join(".", parts) + ".g.cs";
    }
}
