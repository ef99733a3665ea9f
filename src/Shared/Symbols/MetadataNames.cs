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
