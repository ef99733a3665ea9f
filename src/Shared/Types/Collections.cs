using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>Collections of child models: sequences and string-keyed dictionaries, read through <c>IEnumerable&lt;T&gt;</c>.</summary>
internal static class Collections
{
    /// <summary>The model type T of <c>Dictionary&lt;string, T&gt;</c>, <c>IDictionary</c>, <c>IReadOnlyDictionary</c>
    /// or any sequence of <c>KeyValuePair&lt;string, T&gt;</c>.</summary>
    public static bool TryGetDictionaryValue(INamedTypeSymbol type, ModelTypes models, out ITypeSymbol value)
    {
        value = null!;
        if (!TryGetEnumeratedItem(type, out var item)) return false;
        if (item is not INamedTypeSymbol { Arity: 2 } pair
            || !SystemTypes.HasFullName(pair, "System.Collections.Generic", "KeyValuePair")
            || pair.TypeArguments[0].SpecialType != SpecialType.System_String
            || !models.IsModel(pair.TypeArguments[1])
            || !pair.TypeArguments[1].IsReferenceType)
            return false;
        value = pair.TypeArguments[1];
        return true;
    }

    /// <summary>The model type T of <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c> or any
    /// other <c>IEnumerable&lt;T&gt;</c> of models.</summary>
    public static bool TryGetSequenceItem(INamedTypeSymbol type, ModelTypes models, out ITypeSymbol item)
    {
        if (TryGetEnumeratedItem(type, out item) && item.IsReferenceType && models.IsModel(item)) return true;
        item = null!;
        return false;
    }

    // The T of IEnumerable<T> when the type is or implements exactly one such interface.
    private static bool TryGetEnumeratedItem(INamedTypeSymbol type, out ITypeSymbol item)
    {
        item = null!;
        if (type.SpecialType == SpecialType.System_String) return false;
        if (IsGenericEnumerable(type))
        {
            item = type.TypeArguments[0];
            return true;
        }

        ITypeSymbol? found = null;
        foreach (var implemented in type.AllInterfaces)
        {
            if (!IsGenericEnumerable(implemented)) continue;
            if (found is not null) return false; // ambiguous: enumerable of two item types
            found = implemented.TypeArguments[0];
        }

        if (found is null) return false;
        item = found;
        return true;
    }

    private static bool IsGenericEnumerable(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
}
