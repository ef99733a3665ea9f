using System.Collections.Generic;
using Checkpoint.Generators.Model;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators.Parsing;

/// <summary>Turns one field or property of a model into a <see cref="MemberSpec"/>, or skips it.</summary>
/// <remarks>
/// Skipping is silent: members the generated code could not compile against (readonly, get-only or
/// init-only state, unsupported types, static members) are left out and the analyzers explain them.
/// </remarks>
internal static class MemberParser
{
    public static MemberSpec? TryParse(ISymbol member, INamedTypeSymbol model, SourceNamingPolicy policy, Compilation compilation)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared) return null;
        if (!TryGetShape(member, out var type, out var canRead, out var canWrite, out var isAutoProperty)) return null;
        if (!canRead || StateTypeRules.HasAttribute(member, StateTypeRules.NotStateAttributeName)) return null;

        var attribute = StateTypeRules.GetStateAttribute(member);
        return attribute is null
            ? ParseChild(member, type, isAutoProperty, policy)
            : ParseState(member, model, type, canWrite, attribute, policy, compilation);
    }

    private static MemberSpec? ParseState(
        ISymbol member, INamedTypeSymbol model, ITypeSymbol type, bool canWrite, AttributeData attribute,
        SourceNamingPolicy policy, Compilation compilation)
    {
        var role = attribute.AttributeClass!.Name switch
        {
            StateTypeRules.ParamAttributeName => MemberRole.Param,
            StateTypeRules.LongTermAttributeName => MemberRole.LongTerm,
            StateTypeRules.ShortTermAttributeName => MemberRole.ShortTerm,
            _ => MemberRole.Config,
        };

        var info = StateTypeRules.Classify(type);
        var key = KeyOf(member, attribute, policy);
        if (role == MemberRole.Config)
        {
            // Not state: ConfigParser reads these specs (key, type) to build the configuration record.
            return Spec(member, key, role, info.IsLeaf ? ToValueKind(info.Kind) : ValueKind.None, type, info,
                EquatableArray<string>.Empty, ResetSpec.Default);
        }

        if (!canWrite || !info.IsLeaf) return null;
        var reset = role == MemberRole.ShortTerm ? ParseReset(attribute, model, type, info, compilation) : ResetSpec.Default;
        return Spec(member, key, role, ToValueKind(info.Kind), type, info, FormerKeys(attribute), reset);
    }

    private static MemberSpec? ParseChild(ISymbol member, ITypeSymbol type, bool isAutoProperty, SourceNamingPolicy policy)
    {
        // A computed property (=> Layers[0]) would visit the same child twice: only fields and auto-properties count.
        if (member is IPropertySymbol && !isAutoProperty) return null;
        var info = StateTypeRules.Classify(type);
        var role = info.Kind switch
        {
            StateTypeKind.Child => MemberRole.Child,
            StateTypeKind.ChildList => MemberRole.ChildList,
            StateTypeKind.ChildDictionary => MemberRole.ChildDictionary,
            _ => (MemberRole?)null,
        };
        if (role is null) return null;
        var key = StateTypeRules.ApplyNaming(member.Name, policy);
        return Spec(member, key, role.Value, ValueKind.None, type, info, EquatableArray<string>.Empty, ResetSpec.Default);
    }

    private static MemberSpec Spec(
        ISymbol member, string key, MemberRole role, ValueKind valueKind, ITypeSymbol type, StateTypeInfo info,
        EquatableArray<string> formerKeys, ResetSpec reset) =>
        new(
            Name: SymbolNames.Identifier(member.Name),
            Key: key,
            Role: role,
            ValueKind: valueKind,
            TypeName: SymbolNames.TypeName(type),
            ElementTypeName: info.Element is null ? "" : SymbolNames.TypeName(info.Element),
            Rank: info.Rank,
            IsNullable: type.NullableAnnotation == NullableAnnotation.Annotated,
            Flavor: info.Kind is StateTypeKind.Scalar or StateTypeKind.Array or StateTypeKind.Tensor && info.Element is not null
                ? FlavorOf(info.Element)
                : ScalarFlavor.Cast,
            FormerKeys: formerKeys,
            Reset: reset);

    private static bool TryGetShape(ISymbol member, out ITypeSymbol type, out bool canRead, out bool canWrite, out bool isAutoProperty)
    {
        isAutoProperty = false;
        switch (member)
        {
            case IFieldSymbol field when !field.IsConst && field.RefKind == RefKind.None:
                type = field.Type;
                canRead = true;
                canWrite = !field.IsReadOnly;
                return true;
            case IPropertySymbol property
                when !property.IsIndexer && property.RefKind == RefKind.None && property.ExplicitInterfaceImplementations.IsEmpty:
                type = property.Type;
                canRead = property.GetMethod is not null;
                // An init accessor cannot be called from a lambda after construction.
                canWrite = property.SetMethod is { IsInitOnly: false };
                isAutoProperty = IsAutoProperty(property);
                return true;
            default:
                type = null!;
                canRead = canWrite = false;
                return false;
        }
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol { AssociatedSymbol: { } owner } && SymbolEqualityComparer.Default.Equals(owner, property))
                return true;
        }

        return false;
    }

    private static string KeyOf(ISymbol member, AttributeData attribute, SourceNamingPolicy policy)
    {
        var name = StateTypeRules.GetNamedArgument(attribute, StateTypeRules.NameArgument)?.Value as string;
        return string.IsNullOrEmpty(name) ? StateTypeRules.ApplyNaming(member.Name, policy) : name!;
    }

    private static EquatableArray<string> FormerKeys(AttributeData attribute)
    {
        if (StateTypeRules.GetNamedArgument(attribute, StateTypeRules.FormerNamesArgument) is not { Kind: TypedConstantKind.Array } names)
            return EquatableArray<string>.Empty;
        var keys = new List<string>();
        foreach (var name in names.Values)
        {
            if (name.Value is string key && key.Length > 0) keys.Add(key);
        }

        return EquatableArray.From(keys);
    }

    private static ResetSpec ParseReset(AttributeData attribute, INamedTypeSymbol model, ITypeSymbol type, StateTypeInfo info, Compilation compilation)
    {
        if (StateTypeRules.GetNamedArgument(attribute, StateTypeRules.InitializerArgument)?.Value is string initializer)
        {
            return IsUsableInitializer(model, initializer, type, compilation)
                ? new ResetSpec(ResetMode.Initializer, 0, SymbolNames.Identifier(initializer))
                : new ResetSpec(ResetMode.None, 0, "");
        }

        var fillsValues = info.Kind is StateTypeKind.Tensor or StateTypeKind.Array or StateTypeKind.Scalar or StateTypeKind.Enum;
        if (fillsValues && StateTypeRules.GetNamedArgument(attribute, StateTypeRules.FillArgument)?.Value is double fill)
        {
            // A fill the type cannot hold is left out of ResetState (the analyzer reports it) rather than
            // emitted as code that fails to compile or wraps silently.
            var target = info.Kind is StateTypeKind.Enum ? type : info.Element;
            return StateTypeRules.FillFits(target, fill) ? new ResetSpec(ResetMode.Fill, fill, "") : new ResetSpec(ResetMode.None, 0, "");
        }
        return ResetSpec.Default;
    }

    // A parameterless, non-generic instance method of the model (or an accessible one of its bases) whose
    // result converts implicitly to the member type.
    private static bool IsUsableInitializer(INamedTypeSymbol model, string name, ITypeSymbol type, Compilation compilation)
    {
        for (var current = model; current is not null; current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers(name))
            {
                if (candidate is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, ReturnsVoid: false } method
                    || method.Parameters.Length != 0 || method.IsGenericMethod)
                    continue;
                if (!ReferenceEquals(current, model) && method.DeclaredAccessibility == Accessibility.Private) continue;
                if (compilation.ClassifyCommonConversion(method.ReturnType, type).IsImplicit) return true;
            }
        }

        return false;
    }

    private static ValueKind ToValueKind(StateTypeKind kind) => kind switch
    {
        StateTypeKind.Tensor => ValueKind.Tensor,
        StateTypeKind.Array => ValueKind.Array,
        StateTypeKind.Scalar => ValueKind.Scalar,
        StateTypeKind.String => ValueKind.String,
        StateTypeKind.Enum => ValueKind.Enum,
        StateTypeKind.Quantity => ValueKind.Quantity,
        _ => ValueKind.None,
    };

    private static ScalarFlavor FlavorOf(ITypeSymbol element)
    {
        if (element is ITypeParameterSymbol) return ScalarFlavor.TypeParameter;
        if (element.SpecialType == SpecialType.System_Boolean) return ScalarFlavor.Bool;
        if (StateTypeRules.HasFullName(element, StateTypeRules.Namespace, "BFloat16")) return ScalarFlavor.BFloat16;
        if (StateTypeRules.HasFullName(element, StateTypeRules.Namespace, "Complex64")) return ScalarFlavor.Complex64;
        return ScalarFlavor.Cast;
    }
}
