namespace Checkpoint.Generators.Model;

/// <summary>What a member is to its model.</summary>
internal enum MemberRole
{
    /// <summary><c>[Param]</c>: saved.</summary>
    Param,

    /// <summary><c>[LongTerm]</c>: saved.</summary>
    LongTerm,

    /// <summary><c>[ShortTerm]</c>: reset, not saved by default.</summary>
    ShortTerm,

    /// <summary><c>[Config]</c>: a hyperparameter; emitted into the configuration record by <c>ConfigEmitter</c>.</summary>
    Config,

    /// <summary>A child model.</summary>
    Child,

    /// <summary>A list, array or sequence of child models.</summary>
    ChildList,

    /// <summary>A string-keyed dictionary of child models.</summary>
    ChildDictionary,
}

/// <summary>How a state member's value is read and written; picks the runtime codec.</summary>
internal enum ValueKind
{
    /// <summary>Children and config members have no codec.</summary>
    None,

    /// <summary><c>NdArrayCodec&lt;T&gt;</c>.</summary>
    Tensor,

    /// <summary><c>System.Numerics.Tensors.Tensor&lt;T&gt;</c>: <c>NumericsTensorCodec&lt;T&gt;</c>.</summary>
    NumericsTensor,

    /// <summary>A type implementing <c>Checkpoint.INdArray</c>: <c>ForeignTensorCodec&lt;TTensor&gt;</c>.</summary>
    ForeignTensor,

    /// <summary><c>ArrayCodec&lt;T, TArray&gt;</c>.</summary>
    Array,

    /// <summary><c>ScalarCodec&lt;T&gt;</c>.</summary>
    Scalar,

    /// <summary><c>StringCodec</c>.</summary>
    String,

    /// <summary><c>EnumCodec&lt;E&gt;</c>.</summary>
    Enum,

    /// <summary><c>QuantityCodec</c>.</summary>
    Quantity,
}

/// <summary>How a scalar's element type is converted from the <c>Fill</c> value in <c>ResetState</c>.</summary>
internal enum ScalarFlavor
{
    /// <summary>Not a scalar, or a type a plain cast from <c>double</c> handles (the numeric primitives, Half, Complex, enums).</summary>
    Cast,

    /// <summary><c>bool</c>: non-zero is true.</summary>
    Bool,

    /// <summary><c>Checkpoint.BFloat16</c>: converts from <c>float</c> only.</summary>
    BFloat16,

    /// <summary><c>Checkpoint.Complex64</c>: converts from <c>System.Numerics.Complex</c> only.</summary>
    Complex64,

    /// <summary>A type parameter: converted at run time through the runtime's fill.</summary>
    TypeParameter,
}

/// <summary>How <c>ResetState</c> re-initialises a short-term member.</summary>
internal enum ResetMode
{
    /// <summary>Zero-fill tensors and arrays in place; set other values to <c>default</c>.</summary>
    Default,

    /// <summary>Set every element (or the value) to <see cref="ResetSpec.Fill"/>.</summary>
    Fill,

    /// <summary>Assign the result of the named parameterless method.</summary>
    Initializer,

    /// <summary>Nothing can be emitted (an initializer that does not fit); the analyzers report why.</summary>
    None,
}

/// <summary>The reset of a short-term member.</summary>
/// <param name="Mode">How.</param>
/// <param name="Fill">The fill value for <see cref="ResetMode.Fill"/>.</param>
/// <param name="Initializer">The method name for <see cref="ResetMode.Initializer"/>, escaped where needed.</param>
internal sealed record ResetSpec(ResetMode Mode, double Fill, string Initializer)
{
    public static readonly ResetSpec Default = new(ResetMode.Default, 0, "");
}

/// <summary>One member of a model, ready to emit.</summary>
/// <param name="Name">The member's identifier as written in code (escaped: <c>@class</c>).</param>
/// <param name="Key">The key at this level after naming policy and <c>Name</c> override.</param>
/// <param name="Role">What the member is.</param>
/// <param name="ValueKind">How its value is accessed (state members only).</param>
/// <param name="TypeName">The fully qualified member type without nullable annotation (<c>float[,]</c>).</param>
/// <param name="ElementTypeName">Tensor/array element, scalar type, enum type, or the child model type of a collection.</param>
/// <param name="Rank">The array rank; 0 otherwise.</param>
/// <param name="IsNullable">The member is declared with a nullable annotation (<c>string?</c>).</param>
/// <param name="Flavor">How a scalar is converted from a fill value.</param>
/// <param name="FormerKeys">Former names, in order.</param>
/// <param name="Reset">The reset of a short-term member; <see cref="ResetSpec.Default"/> otherwise.</param>
internal sealed record MemberSpec(
    string Name,
    string Key,
    MemberRole Role,
    ValueKind ValueKind,
    string TypeName,
    string ElementTypeName,
    int Rank,
    bool IsNullable,
    ScalarFlavor Flavor,
    EquatableArray<string> FormerKeys,
    ResetSpec Reset)
{
    /// <summary>
    /// A foreign tensor type implementing <c>Checkpoint.INdArrayFactory&lt;itself&gt;</c>: its codec creates a tensor for
    /// a null member.
    /// </summary>
    public bool CanCreate { get; init; }

    /// <summary>
    /// A writable, non-volatile instance field: generated code passes it to the visitor by reference in one
    /// statement, where a property needs a local, a call and an assignment (less code for the user's compiler).
    /// </summary>
    public bool ByRef { get; init; }

    /// <summary>True for members reported through <c>visitor.Value</c>.</summary>
    public bool IsState => Role is MemberRole.Param or MemberRole.LongTerm or MemberRole.ShortTerm;

    /// <summary>True for members visited as children.</summary>
    public bool IsChild => Role is MemberRole.Child or MemberRole.ChildList or MemberRole.ChildDictionary;
}
