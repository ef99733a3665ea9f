using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// The runtime's types as symbols of one compilation, resolved once (<see cref="Create"/>) and then compared by
/// identity. A compilation that does not reference the Checkpoint runtime has none, and nothing runs for it.
/// </summary>
internal sealed class CheckpointSymbols
{
    private CheckpointSymbols(Compilation compilation, IAssemblySymbol runtime, INamedTypeSymbol stateful)
    {
        IStateful = stateful;
        Namespace = stateful.ContainingNamespace;
        ParamAttribute = Find(compilation, runtime, MetadataNames.ParamAttribute);
        LongTermAttribute = Find(compilation, runtime, MetadataNames.LongTermAttribute);
        ShortTermAttribute = Find(compilation, runtime, MetadataNames.ShortTermAttribute);
        ConfigAttribute = Find(compilation, runtime, MetadataNames.ConfigAttribute);
        ModuleAttribute = Find(compilation, runtime, MetadataNames.ModuleAttribute);
        NotStateAttribute = Find(compilation, runtime, MetadataNames.NotStateAttribute);
        StateNamingAttribute = Find(compilation, runtime, MetadataNames.StateNamingAttribute);
        NdArray = Find(compilation, runtime, MetadataNames.NdArray);
        INdArray = Find(compilation, runtime, MetadataNames.INdArray);
        INdArrayFactory = Find(compilation, runtime, MetadataNames.INdArrayFactory);
        Quantity = Find(compilation, runtime, MetadataNames.Quantity);
        BFloat16 = Find(compilation, runtime, MetadataNames.BFloat16);
        Complex64 = Find(compilation, runtime, MetadataNames.Complex64);
        StateKinds = Find(compilation, runtime, MetadataNames.StateKinds);
        HasMessagePackAnnotations = Referenced(compilation, MetadataNames.MessagePackAnnotationsAssembly) is { } annotations
            && annotations.GetTypeByMetadataName(MetadataNames.MessagePackObjectAttribute) is not null;
    }

    /// <summary>
    /// The symbols of <paramref name="compilation"/>, or null when it does not use the runtime: neither a referenced
    /// assembly named <c>Checkpoint</c> nor the compilation itself declares <c>Checkpoint.IStateful</c>. Only those two
    /// assemblies are searched (a compilation-wide lookup would read the type tables of every reference).
    /// </summary>
    public static CheckpointSymbols? Create(Compilation compilation)
    {
        if (compilation.Assembly.GetTypeByMetadataName(MetadataNames.IStateful) is { } declared)
            return new CheckpointSymbols(compilation, compilation.Assembly, declared);
        return Referenced(compilation, MetadataNames.RuntimeAssembly) is { } runtime && runtime.GetTypeByMetadataName(MetadataNames.IStateful) is { } stateful
            ? new CheckpointSymbols(compilation, runtime, stateful)
            : null;
    }

    /// <summary>
    /// True when <paramref name="compilation"/> references an assembly named <c>Checkpoint</c>: a test that reads the
    /// reference list only, so it costs nothing, whereas <see cref="Create"/> also looks for the types in the
    /// compilation's own source, which builds its declarations (every tree parsed) if nothing has yet.
    /// </summary>
    public static bool ReferencesRuntime(Compilation compilation) => Referenced(compilation, MetadataNames.RuntimeAssembly) is not null;

    // A type declared in the compilation's own source wins over the runtime's, as it does for the compiler.
    private static INamedTypeSymbol? Find(Compilation compilation, IAssemblySymbol runtime, string metadataName) =>
        compilation.Assembly.GetTypeByMetadataName(metadataName) ?? runtime.GetTypeByMetadataName(metadataName);

    private static IAssemblySymbol? Referenced(Compilation compilation, string assemblyName)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name == assemblyName) return assembly;
        }

        return null;
    }

    /// <summary><c>Checkpoint.IStateful</c>.</summary>
    public INamedTypeSymbol IStateful { get; }

    /// <summary>The <c>Checkpoint</c> namespace.</summary>
    public INamespaceSymbol Namespace { get; }

    public INamedTypeSymbol? ParamAttribute { get; }
    public INamedTypeSymbol? LongTermAttribute { get; }
    public INamedTypeSymbol? ShortTermAttribute { get; }
    public INamedTypeSymbol? ConfigAttribute { get; }
    public INamedTypeSymbol? ModuleAttribute { get; }
    public INamedTypeSymbol? NotStateAttribute { get; }
    public INamedTypeSymbol? StateNamingAttribute { get; }

    /// <summary><c>Checkpoint.NdArray&lt;T&gt;</c>, unbound.</summary>
    public INamedTypeSymbol? NdArray { get; }

    /// <summary><c>Checkpoint.INdArray</c>: a member of a type implementing it is a foreign tensor.</summary>
    public INamedTypeSymbol? INdArray { get; }

    /// <summary><c>Checkpoint.INdArrayFactory&lt;TSelf&gt;</c>, unbound.</summary>
    public INamedTypeSymbol? INdArrayFactory { get; }
    public INamedTypeSymbol? Quantity { get; }
    public INamedTypeSymbol? BFloat16 { get; }
    public INamedTypeSymbol? Complex64 { get; }
    public INamedTypeSymbol? StateKinds { get; }

    /// <summary>MessagePack.Annotations is referenced: generated config records get MessagePack-CSharp attributes.</summary>
    public bool HasMessagePackAnnotations { get; }

    /// <summary>What a Checkpoint member attribute is, or <see cref="MemberAttributeKind.None"/>.</summary>
    public MemberAttributeKind KindOf(AttributeData attribute)
    {
        var type = attribute.AttributeClass;
        if (type is null) return MemberAttributeKind.None;
        if (Is(type, ParamAttribute)) return MemberAttributeKind.Param;
        if (Is(type, LongTermAttribute)) return MemberAttributeKind.LongTerm;
        if (Is(type, ShortTermAttribute)) return MemberAttributeKind.ShortTerm;
        if (Is(type, ConfigAttribute)) return MemberAttributeKind.Config;
        if (Is(type, NotStateAttribute)) return MemberAttributeKind.NotState;
        return MemberAttributeKind.None;
    }

    /// <summary>True when the type itself is marked <c>[Module]</c>.</summary>
    public bool HasModule(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && Is(attributeClass, ModuleAttribute)) return true;
        }

        return false;
    }

    /// <summary>The type is <paramref name="known"/> (definitions compared, so <c>NdArray&lt;float&gt;</c> is NdArray).</summary>
    public static bool Is(ITypeSymbol type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
}
