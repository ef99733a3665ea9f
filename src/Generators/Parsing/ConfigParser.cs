using Checkpoint.SourceRules;
using System.Collections.Generic;
using System.Threading;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.Generators.Parsing;

/// <summary>
/// Reads a model's <c>[Config]</c> members into a <see cref="ConfigSpec"/>. Members of unsupported types are skipped
/// silently (the analyzers report them); generic and derived models get no configuration record.
/// </summary>
internal static class ConfigParser
{
    private const string MessagePackObjectAttribute = "MessagePack.MessagePackObjectAttribute";

    public static ConfigSpec? Parse(INamedTypeSymbol type, ModelSpec model, Compilation compilation, CancellationToken cancellationToken)
    {
        if (model.BaseIsModel || type.IsGenericType || IsInGenericType(type) || type.IsAbstract || type.TypeKind != TypeKind.Class)
            return null;

        var members = new List<ConfigMemberSpec>();
        var symbols = new List<ITypeSymbol>();
        var modelIsPublic = IsEffectivelyPublic(type);
        var isPublic = modelIsPublic;
        foreach (var spec in model.Members)
        {
            if (spec.Role != MemberRole.Config) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var symbol = FindMember(type, spec.Name);
            if (symbol is null || !TryGetType(symbol, out var memberType, out var writable)) continue;
            if (!StateTypeRules.IsConfigType(memberType)) continue;
            if (memberType.TypeKind == TypeKind.Enum && !IsEffectivelyPublic(memberType)) isPublic = false;
            var isString = memberType.SpecialType == SpecialType.System_String;
            var nullable = isString && memberType.NullableAnnotation == NullableAnnotation.Annotated;
            members.Add(new ConfigMemberSpec(
                spec.Name, spec.Key, spec.TypeName + (nullable ? "?" : ""), isString, nullable,
                DefaultValue(symbol, memberType, compilation, cancellationToken), writable));
            symbols.Add(memberType);
        }

        if (members.Count == 0) return null;
        var (construction, arguments) = ChooseConstructor(type, members, symbols, compilation);
        // A constructor parameter's default (int nOutput = 10) is the record's default when the member has none.
        if (construction == ConfigConstruction.Parameterized && FindConstructor(type, arguments) is { } chosen)
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                var parameter = chosen.Parameters[i];
                var index = arguments[i].MemberIndex;
                if (parameter.HasExplicitDefaultValue && members[index].DefaultValue.Length == 0)
                    members[index] = members[index] with { DefaultValue = Literal(parameter.ExplicitDefaultValue, symbols[index]) };
            }
        }

        return new ConfigSpec(
            RecordName: type.Name + "Config",
            Accessibility: isPublic ? "public" : "internal",
            MethodAccessibility: isPublic || !modelIsPublic ? "public" : "internal",
            Construction: construction,
            ConstructorArguments: EquatableArray.From(arguments),
            Members: EquatableArray.From(members),
            MessagePackAttributes: compilation.GetTypeByMetadataName(MessagePackObjectAttribute) is not null);
    }

    private static bool IsInGenericType(INamedTypeSymbol type)
    {
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType) return true;
        }

        return false;
    }

    private static bool IsEffectivelyPublic(ITypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public) return false;
        }

        return true;
    }

    private static ISymbol? FindMember(INamedTypeSymbol type, string escapedName)
    {
        var name = escapedName.StartsWith("@") ? escapedName.Substring(1) : escapedName;
        foreach (var member in type.GetMembers(name))
        {
            if (member is IFieldSymbol or IPropertySymbol) return member;
        }

        return null;
    }

    private static bool TryGetType(ISymbol member, out ITypeSymbol type, out bool writable)
    {
        switch (member)
        {
            case IFieldSymbol field when !field.IsStatic && !field.IsConst && field.RefKind == RefKind.None:
                type = field.Type;
                writable = !field.IsReadOnly;
                return true;
            case IPropertySymbol property when !property.IsStatic && !property.IsIndexer && property.GetMethod is not null && property.RefKind == RefKind.None:
                type = property.Type;
                writable = property.SetMethod is not null;
                return true;
            default:
                type = null!;
                writable = false;
                return false;
        }
    }

    // The types ConfigValues/ConfigReader have overloads for; all become plain Python leaves.

    // Only compile-time constants are copied: they mean the same in the record as in the model.
    private static string DefaultValue(ISymbol member, ITypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length == 0) return "";
        var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var initializer = syntax switch
        {
            VariableDeclaratorSyntax variable => variable.Initializer?.Value,
            PropertyDeclarationSyntax property => property.Initializer?.Value,
            _ => null,
        };
        if (initializer is null) return "";
        var constant = compilation.GetSemanticModel(syntax.SyntaxTree).GetConstantValue(initializer, cancellationToken);
        if (!constant.HasValue) return "";
        return Literal(constant.Value, type);
    }

    private static string Literal(object? value, ITypeSymbol type)
    {
        if (value is null) return "null";
        var literal = value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
            double d => Emitting.Literals.Double(d),
            decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        if (value is float single && (float.IsNaN(single) || float.IsInfinity(single))) return "";
        // Literals of int, double, float, decimal, bool and string already have the member's type.
        return type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Double
            or SpecialType.System_Single or SpecialType.System_Decimal or SpecialType.System_Boolean
            ? literal
            : $"({SymbolNames.TypeName(type)})({literal})";
    }

    private static IMethodSymbol? FindConstructor(INamedTypeSymbol type, List<ConfigArgumentSpec> arguments)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length != arguments.Count) continue;
            var same = true;
            for (var i = 0; i < arguments.Count && same; i++)
                same = SymbolNames.Identifier(constructor.Parameters[i].Name) == arguments[i].ParameterName;
            if (same) return constructor;
        }

        return null;
    }

    private static (ConfigConstruction, List<ConfigArgumentSpec>) ChooseConstructor(
        INamedTypeSymbol type, List<ConfigMemberSpec> members, List<ITypeSymbol> memberTypes, Compilation compilation)
    {
        List<ConfigArgumentSpec>? best = null;
        var hasParameterless = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared && constructor.Parameters.Length == 0)
            {
                hasParameterless = true;
                continue;
            }

            if (constructor.Parameters.Length == 0)
            {
                hasParameterless = true;
                continue;
            }

            var arguments = MatchAll(constructor, members, memberTypes, compilation);
            if (arguments is not null && (best is null || arguments.Count > best.Count)) best = arguments;
        }

        if (best is not null) return (ConfigConstruction.Parameterized, best);
        return (hasParameterless ? ConfigConstruction.Parameterless : ConfigConstruction.None, new List<ConfigArgumentSpec>());
    }

    private static List<ConfigArgumentSpec>? MatchAll(
        IMethodSymbol constructor, List<ConfigMemberSpec> members, List<ITypeSymbol> memberTypes, Compilation compilation)
    {
        var arguments = new List<ConfigArgumentSpec>();
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
            var index = -1;
            for (var i = 0; i < members.Count; i++)
            {
                if (StateTypeRules.ConfigNamesMatch(parameter.Name, members[i].Name) || StateTypeRules.ConfigNamesMatch(parameter.Name, members[i].Key))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 || !compilation.HasImplicitConversion(memberTypes[index], parameter.Type)) return null;
            arguments.Add(new ConfigArgumentSpec(SymbolNames.Identifier(parameter.Name), index));
        }

        return arguments;
    }
}
