namespace Checkpoint.SourceRules;

/// <summary>
/// The metadata names of the runtime types the compiler side looks for. The generator and the analyzers never
/// reference the runtime: they find these types in the compilation by name, once (<see cref="CheckpointSymbols"/>).
/// </summary>
internal static class MetadataNames
{
    /// <summary>The runtime's namespace.</summary>
    public const string Namespace = "Checkpoint";

    /// <summary>The runtime's assembly (package <c>Checkpoint</c>).</summary>
    public const string RuntimeAssembly = "Checkpoint";

    /// <summary>The assembly of <see cref="MessagePackObjectAttribute"/>.</summary>
    public const string MessagePackAnnotationsAssembly = "MessagePack.Annotations";

    public const string ParamAttribute = "Checkpoint.ParamAttribute";
    public const string LongTermAttribute = "Checkpoint.LongTermAttribute";
    public const string ShortTermAttribute = "Checkpoint.ShortTermAttribute";
    public const string ConfigAttribute = "Checkpoint.ConfigAttribute";
    public const string ModuleAttribute = "Checkpoint.ModuleAttribute";
    public const string NotStateAttribute = "Checkpoint.NotStateAttribute";
    public const string StateNamingAttribute = "Checkpoint.StateNamingAttribute";

    /// <summary>The interface every model implements; a compilation without it does not use Checkpoint.</summary>
    public const string IStateful = "Checkpoint.IStateful";
    public const string NdArray = "Checkpoint.NdArray`1";

    /// <summary>The seam for tensor types of other libraries and users: a member of a type implementing it is saved through its bytes.</summary>
    public const string INdArray = "Checkpoint.INdArray";

    /// <summary>Lets a load create a user's tensor type for a null member.</summary>
    public const string INdArrayFactory = "Checkpoint.INdArrayFactory`1";

    /// <summary>The namespace of the platform's tensor type, <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> (matched by name).</summary>
    public const string NumericsTensorNamespace = "System.Numerics.Tensors";

    /// <summary>The simple name of the platform's tensor type.</summary>
    public const string NumericsTensorName = "Tensor";
    public const string Quantity = "Checkpoint.Quantity";
    public const string BFloat16 = "Checkpoint.BFloat16";
    public const string Complex64 = "Checkpoint.Complex64";
    public const string StateKinds = "Checkpoint.StateKinds";

    /// <summary>When MessagePack.Annotations is referenced, generated config records carry its attributes.</summary>
    public const string MessagePackObjectAttribute = "MessagePack.MessagePackObjectAttribute";
}

/// <summary>The named arguments of the state attributes.</summary>
internal static class AttributeArguments
{
    public const string Name = "Name";
    public const string FormerNames = "FormerNames";
    public const string Fill = "Fill";
    public const string Initializer = "Initializer";
}
