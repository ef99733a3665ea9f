using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>What a member's type is to Checkpoint.</summary>
internal enum StateTypeKind
{
    /// <summary>Not something Checkpoint can save or visit.</summary>
    Unsupported = 0,

    /// <summary><c>Checkpoint.NdArray&lt;T&gt;</c> of an element type.</summary>
    Tensor,

    /// <summary><c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> (the platform's tensor type) of an element type.</summary>
    NumericsTensor,

    /// <summary>A class or interface implementing <c>Checkpoint.INdArray</c> (a tensor type of the user's or another library's).</summary>
    ForeignTensor,

    /// <summary>A rectangular array (<c>T[]</c>, <c>T[,]</c>, ...) of an element type.</summary>
    Array,

    /// <summary>One value of an element type (<c>float</c>, <c>long</c>, <c>System.Half</c>, ...).</summary>
    Scalar,

    /// <summary><c>string</c>.</summary>
    String,

    /// <summary>Any enum type.</summary>
    Enum,

    /// <summary><c>Checkpoint.Quantity</c> (a value with a physical unit).</summary>
    Quantity,

    /// <summary>A model (a class that is, or will be made, <c>IStateful</c>).</summary>
    Child,

    /// <summary>An array, list or other sequence of models.</summary>
    ChildList,

    /// <summary>A string-keyed dictionary of models.</summary>
    ChildDictionary,
}

/// <summary>The classification of a type: its kind plus, where relevant, its element (or child) type and rank.</summary>
internal readonly struct StateTypeInfo
{
    public StateTypeInfo(StateTypeKind kind, ITypeSymbol? element = null, int rank = 0)
    {
        Kind = kind;
        Element = element;
        Rank = rank;
    }

    /// <summary>The kind.</summary>
    public StateTypeKind Kind { get; }

    /// <summary>
    /// Tensor, NumericsTensor, Array: the element type. ForeignTensor: the type itself. Scalar: the type itself. ChildList, ChildDictionary: the model type of
    /// the items. Child: the model type. Otherwise null.
    /// </summary>
    public ITypeSymbol? Element { get; }

    /// <summary>Array: the rank (1 for <c>T[]</c>). Otherwise 0.</summary>
    public int Rank { get; }

    /// <summary>True for the kinds that are saved as values (not children).</summary>
    public bool IsLeaf => Kind is StateTypeKind.Tensor or StateTypeKind.NumericsTensor or StateTypeKind.ForeignTensor or StateTypeKind.Array or StateTypeKind.Scalar
        or StateTypeKind.String or StateTypeKind.Enum or StateTypeKind.Quantity;

    /// <summary>True for the kinds that are visited as child models.</summary>
    public bool IsChild => Kind is StateTypeKind.Child or StateTypeKind.ChildList or StateTypeKind.ChildDictionary;

    /// <summary>
    /// True for the kinds whose values a <c>Fill</c> sets (tensors and arrays element-wise). A foreign tensor's dtype is
    /// known only at run time: its fill is converted then.
    /// </summary>
    public bool IsFillable => Kind is StateTypeKind.Tensor or StateTypeKind.NumericsTensor or StateTypeKind.ForeignTensor or StateTypeKind.Array or StateTypeKind.Scalar or StateTypeKind.Enum;
}
