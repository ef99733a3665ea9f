using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// The runtime's types as symbols of one compilation, resolved once (<see cref="Create"/>) and then compared by
/// identity. A compilation that does not reference the Checkpoint runtime has none, and nothing runs for it.
/// </summary>
internal sealed class CheckpointSymbols
{
    private CheckpointSymbols(Compilation compilation, INamedTypeSymbol stateful)
    {
        IStateful = stateful;
        Namespace = stateful.ContainingNamespace;
        ParamAttribute = compilation.GetTypeByMetadataName(MetadataNames.ParamAttribute);
        LongTermAttribute = compilation.GetTypeByMetadataName(MetadataNames.LongTermAttribute);
        ShortTermAttribute = compilation.GetTypeByMetadataName(MetadataNames.ShortTermAttribute);
        ConfigAttribute = compilation.GetTypeByMetadataName(MetadataNames.ConfigAttribute);
        ModuleAttribute = compilation.GetTypeByMetadataName(MetadataNames.ModuleAttribute);
        NotStateAttribute = compilation.GetTypeByMetadataName(MetadataNames.NotStateAttribute);
        StateNamingAttribute = compilation.GetTypeByMetadataName(MetadataNames.StateNamingAttribute);
        NdArray = compilation.GetTypeByMetadataName(MetadataNames.NdArray);
        Quantity = compilation.GetTypeByMetadataName(MetadataNames.Quantity);
        BFloat16 = compilation.GetTypeByMetadataName(MetadataNames.BFloat16);
        Complex64 = compilation.GetTypeByMetadataName(MetadataNames.Complex64);
        StateKinds = compilation.GetTypeByMetadataName(MetadataNames.StateKinds);
        HasMessagePackAnnotations = compilation.GetTypeByMetadataName(MetadataNames.MessagePackObjectAttribute) is not null;
    }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference the runtime.</summary>
    public static CheckpointSymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(MetadataNames.IStateful) is { } stateful ? new CheckpointSymbols(compilation, stateful) : null;

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
