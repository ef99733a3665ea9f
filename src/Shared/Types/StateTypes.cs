using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>What a member's type means to Checkpoint: a saved value of some kind, a child model, or nothing.</summary>
internal sealed class StateTypes
{
    private readonly CheckpointSymbols _symbols;

    public StateTypes(ModelTypes models)
    {
        Models = models;
        _symbols = models.Symbols;
    }

    /// <summary>Which types are models (children are classified through it).</summary>
    public ModelTypes Models { get; }

    /// <summary>Classifies the type of a member.</summary>
    public StateTypeInfo Classify(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error) return default;
        if (type.SpecialType == SpecialType.System_String) return new StateTypeInfo(StateTypeKind.String, type);
        if (IsElementType(type)) return new StateTypeInfo(StateTypeKind.Scalar, type);
        if (type.TypeKind == TypeKind.Enum) return new StateTypeInfo(StateTypeKind.Enum, type);

        if (type is IArrayTypeSymbol array)
        {
            if (IsElementType(array.ElementType)) return new StateTypeInfo(StateTypeKind.Array, array.ElementType, array.Rank);
            if (array.IsSZArray && Models.IsModel(array.ElementType)) return new StateTypeInfo(StateTypeKind.ChildList, array.ElementType);
            return default;
        }

        // A type parameter constrained to a model (where TChild : class, IStateful) is a child.
        if (type is ITypeParameterSymbol) return Models.IsModel(type) ? new StateTypeInfo(StateTypeKind.Child, type) : default;
        if (type is not INamedTypeSymbol named) return default;
        if (TensorElement(named) is { } tensorElement)
            return IsElementType(tensorElement) ? new StateTypeInfo(StateTypeKind.Tensor, tensorElement) : default;
        if (SystemTypes.NumericsTensorElement(named) is { } numericsElement)
            return IsElementType(numericsElement) ? new StateTypeInfo(StateTypeKind.NumericsTensor, numericsElement) : default;
        if (CheckpointSymbols.Is(named, _symbols.Quantity)) return new StateTypeInfo(StateTypeKind.Quantity, named);

        // A model that happens to be enumerable (a Sequential of layers) is a child, not a list; one that is also a
        // tensor stays a child.
        if (Models.IsModel(named)) return new StateTypeInfo(StateTypeKind.Child, named);
        if (IsForeignTensor(named)) return new StateTypeInfo(StateTypeKind.ForeignTensor, named);
        if (Collections.TryGetDictionaryValue(named, Models, out var value)) return new StateTypeInfo(StateTypeKind.ChildDictionary, value);
        if (Collections.TryGetSequenceItem(named, Models, out var item)) return new StateTypeInfo(StateTypeKind.ChildList, item);
        return default;
    }

    /// <summary>
    /// The element types of Checkpoint tensors (the T of a DType): bool, the integer types, float, double,
    /// System.Half, Checkpoint.BFloat16, Checkpoint.Complex64, System.Numerics.Complex, and type parameters
    /// constrained to <c>unmanaged</c>.
    /// </summary>
    public bool IsElementType(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return true;
        }

        if (type is ITypeParameterSymbol parameter) return parameter.HasUnmanagedTypeConstraint;
        if (type.TypeKind != TypeKind.Struct || type is not INamedTypeSymbol { Arity: 0 } named) return false;
        return IsBFloat16(named) || IsComplex64(named) || SystemTypes.IsHalf(named) || SystemTypes.IsComplex(named);
    }

    /// <summary>The T of <c>Checkpoint.NdArray&lt;T&gt;</c>, whatever T is; null for other types.</summary>
    public ITypeSymbol? TensorElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 1 } named && CheckpointSymbols.Is(named, _symbols.NdArray) ? named.TypeArguments[0] : null;

    /// <summary>
    /// A class or interface that is or implements <c>Checkpoint.INdArray</c> (the seam for tensor types of users and other
    /// libraries). Structs are not: the codec keeps a reference to the tensor it fills.
    /// </summary>
    public bool IsForeignTensor(INamedTypeSymbol type)
    {
        if (_symbols.INdArray is not { } seam || type.IsValueType) return false;
        if (CheckpointSymbols.Is(type, seam)) return true;
        foreach (var implemented in type.AllInterfaces)
        {
            if (CheckpointSymbols.Is(implemented, seam)) return true;
        }

        return false;
    }

    /// <summary>Whether a foreign tensor type implements <c>Checkpoint.INdArrayFactory&lt;itself&gt;</c>: a load can create one for a null member.</summary>
    public bool HasTensorFactory(ITypeSymbol type)
    {
        if (_symbols.INdArrayFactory is not { } factory) return false;
        foreach (var implemented in type.AllInterfaces)
        {
            if (CheckpointSymbols.Is(implemented, factory) && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], type)) return true;
        }

        return false;
    }

    /// <summary><c>Checkpoint.BFloat16</c>.</summary>
    public bool IsBFloat16(ITypeSymbol type) => CheckpointSymbols.Is(type, _symbols.BFloat16);

    /// <summary><c>Checkpoint.Complex64</c>.</summary>
    public bool IsComplex64(ITypeSymbol type) => CheckpointSymbols.Is(type, _symbols.Complex64);

    /// <summary><c>Checkpoint.Quantity</c>.</summary>
    public bool IsQuantity(ITypeSymbol type) => CheckpointSymbols.Is(type, _symbols.Quantity);
}
