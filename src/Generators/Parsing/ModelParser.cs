using System.Collections.Generic;
using System.Text;
using System.Threading;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Parsing;

/// <summary>Turns a model class symbol into a <see cref="ModelSpec"/>: the only step that reads symbols.</summary>
internal static class ModelParser
{
    /// <summary>
    /// The spec of <paramref name="type"/>, or null when the generator cannot (or must not) add to it:
    /// not a partial class, nested in a non-partial type, file-local or static. The analyzers report why.
    /// </summary>
    public static ModelSpec? Parse(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!StateTypeRules.CanGenerate(type)) return null;
        cancellationToken.ThrowIfCancellationRequested();

        var policy = StateTypeRules.GetNamingPolicy(type);
        var members = new List<MemberSpec>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (MemberParser.TryParse(member, type, policy, compilation) is { } spec) members.Add(spec);
        }

        var containing = new List<TypeDeclarationSpec>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, Declaration(outer));

        var model = new ModelSpec(
            FullName: SymbolNames.TypeName(type),
            HintName: HintName(type),
            Namespace: SymbolNames.Namespace(type.ContainingNamespace),
            ContainingTypes: EquatableArray.From(containing),
            Type: Declaration(type),
            IsSealed: type.IsSealed,
            BaseIsModel: StateTypeRules.IsModel(type.BaseType),
            Members: EquatableArray.From(members));
        return model with { Config = ConfigParser.Parse(type, model, compilation, cancellationToken) };
    }

    private static TypeDeclarationSpec Declaration(INamedTypeSymbol type)
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

    // Demo.Outer.Lif.g.cs; generic types keep their arity (Demo.Layer`1.g.cs) so overloads by arity differ.
    private static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType) parts.Insert(0, current.MetadataName);
        var ns = SymbolNames.Namespace(type.ContainingNamespace).Replace("@", "");
        if (ns.Length > 0) parts.Insert(0, ns);
        return string.Join(".", parts) + ".g.cs";
    }
}
