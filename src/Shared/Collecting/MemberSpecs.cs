using System.Collections.Generic;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>Turns a member the generator keeps into the <see cref="MemberSpec"/> the emitters write from.</summary>
internal static class MemberSpecs
{
    public static MemberSpec Create(ClassMember member, ResetSpec reset, CollectorContext context)
    {
        var role = member.Role!.Value;
        var info = member.Info;
        var type = member.Shape.Type;
        var isState = role is MemberRole.Param or MemberRole.LongTerm or MemberRole.ShortTerm;
        return new MemberSpec(
            Name: SymbolNames.Identifier(member.Name),
            Key: member.Key,
            Role: role,
            // Config members keep their value kind: the config record reads their type from the spec.
            ValueKind: isState || role == MemberRole.Config && info.IsLeaf ? ValueKindOf(info.Kind) : ValueKind.None,
            TypeName: context.TypeName(type),
            ElementTypeName: info.Element is null ? "" : context.TypeName(info.Element),
            Rank: info.Rank,
            IsNullable: type.NullableAnnotation == NullableAnnotation.Annotated,
            Flavor: info.Kind is StateTypeKind.Scalar or StateTypeKind.Array or StateTypeKind.Tensor or StateTypeKind.NumericsTensor && info.Element is not null
                ? FlavorOf(info.Element, context.Types)
                : ScalarFlavor.Cast,
            FormerKeys: isState ? FormerKeys(member.Attributes.Role!.Value) : EquatableArray<string>.Empty,
            Reset: reset)
        {
            CanCreate = info.Kind == StateTypeKind.ForeignTensor && context.Types.HasTensorFactory(type),
            ByRef = isState && member.Symbol is IFieldSymbol { IsStatic: false, IsReadOnly: false, IsVolatile: false, IsConst: false, RefKind: RefKind.None },
        };
    }

    private static EquatableArray<string> FormerKeys(MemberAttribute attribute)
    {
        var keys = new List<string>();
        foreach (var key in attribute.StringsArgument(AttributeArguments.FormerNames))
        {
            if (key.Length > 0) keys.Add(key);
        }

        return EquatableArray.From(keys);
    }

    private static ValueKind ValueKindOf(StateTypeKind kind) => kind switch
    {
        StateTypeKind.Tensor => ValueKind.Tensor,
        StateTypeKind.NumericsTensor => ValueKind.NumericsTensor,
        StateTypeKind.ForeignTensor => ValueKind.ForeignTensor,
        StateTypeKind.Array => ValueKind.Array,
        StateTypeKind.Scalar => ValueKind.Scalar,
        StateTypeKind.String => ValueKind.String,
        StateTypeKind.Enum => ValueKind.Enum,
        StateTypeKind.Quantity => ValueKind.Quantity,
        _ => ValueKind.None,
    };

    private static ScalarFlavor FlavorOf(ITypeSymbol element, StateTypes types)
    {
        if (element is ITypeParameterSymbol) return ScalarFlavor.TypeParameter;
        if (element.SpecialType == SpecialType.System_Boolean) return ScalarFlavor.Bool;
        if (types.IsBFloat16(element)) return ScalarFlavor.BFloat16;
        if (types.IsComplex64(element)) return ScalarFlavor.Complex64;
        return ScalarFlavor.Cast;
    }
}
