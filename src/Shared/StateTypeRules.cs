// Shared by the source generator and the analyzers (linked into both projects): the one place that decides,
// from symbols, what a member's type means to Checkpoint. Roslyn and BCL only; netstandard2.0.
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.SourceRules;

/// <summary>What a member's type is to Checkpoint.</summary>
internal enum StateTypeKind
{
    /// <summary>Not something Checkpoint can save or visit.</summary>
    Unsupported = 0,

    /// <summary><c>Checkpoint.NdArray&lt;T&gt;</c> of an element type.</summary>
    Tensor,

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
    /// Tensor, Array: the element type. Scalar: the type itself. ChildList, ChildDictionary: the model type of
    /// the items. Child: the model type. Otherwise null.
    /// </summary>
    public ITypeSymbol? Element { get; }

    /// <summary>Array: the rank (1 for <c>T[]</c>). Otherwise 0.</summary>
    public int Rank { get; }

    /// <summary>True for the kinds that are saved as values (not children).</summary>
    public bool IsLeaf => Kind is StateTypeKind.Tensor or StateTypeKind.Array or StateTypeKind.Scalar
        or StateTypeKind.String or StateTypeKind.Enum or StateTypeKind.Quantity;

    /// <summary>True for the kinds that are visited as child models.</summary>
    public bool IsChild => Kind is StateTypeKind.Child or StateTypeKind.ChildList or StateTypeKind.ChildDictionary;
}

/// <summary>Naming policies, mirroring <c>Checkpoint.NamingPolicy</c> (the generator does not reference the runtime).</summary>
internal enum SourceNamingPolicy
{
    AsDeclared = 0,
    SnakeCase = 1,
    CamelCase = 2,
}

/// <summary>Symbol-level rules shared by the generator and the analyzers.</summary>
internal static class StateTypeRules
{
    public const string Namespace = "Checkpoint";

    // Attribute metadata names (what ForAttributeWithMetadataName and analyzers look for).
    public const string ParamAttribute = "Checkpoint.ParamAttribute";
    public const string LongTermAttribute = "Checkpoint.LongTermAttribute";
    public const string ShortTermAttribute = "Checkpoint.ShortTermAttribute";
    public const string ConfigAttribute = "Checkpoint.ConfigAttribute";
    public const string ModuleAttribute = "Checkpoint.ModuleAttribute";
    public const string NotStateAttribute = "Checkpoint.NotStateAttribute";
    public const string StateNamingAttribute = "Checkpoint.StateNamingAttribute";
    public const string StateAttributeBase = "Checkpoint.StateAttribute";

    // Simple names of the same, for comparisons that do not allocate.
    public const string ParamAttributeName = "ParamAttribute";
    public const string LongTermAttributeName = "LongTermAttribute";
    public const string ShortTermAttributeName = "ShortTermAttribute";
    public const string ConfigAttributeName = "ConfigAttribute";
    public const string ModuleAttributeName = "ModuleAttribute";
    public const string NotStateAttributeName = "NotStateAttribute";
    public const string StateNamingAttributeName = "StateNamingAttribute";

    // Named arguments of the attributes.
    public const string NameArgument = "Name";
    public const string FormerNamesArgument = "FormerNames";
    public const string FillArgument = "Fill";
    public const string InitializerArgument = "Initializer";

    // Runtime types, by metadata name.
    public const string IStatefulMetadataName = "Checkpoint.IStateful";
    public const string TensorMetadataName = "Checkpoint.NdArray`1";
    public const string QuantityMetadataName = "Checkpoint.Quantity";
    public const string BFloat16MetadataName = "Checkpoint.BFloat16";
    public const string Complex64MetadataName = "Checkpoint.Complex64";

    /// <summary>The state attribute of a member (Param, LongTerm, ShortTerm or Config), or null.</summary>
    public static AttributeData? GetStateAttribute(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (IsTriggerMemberAttribute(attribute.AttributeClass)) return attribute;
        }

        return null;
    }

    /// <summary>True for Param, LongTerm, ShortTerm and Config: the attributes that make a class a model.</summary>
    public static bool IsTriggerMemberAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is not null && IsInCheckpointNamespace(attributeClass) && attributeClass.Name is
            ParamAttributeName or LongTermAttributeName or ShortTermAttributeName or ConfigAttributeName;

    /// <summary>True when <paramref name="symbol"/> carries the Checkpoint attribute with the simple name given.</summary>
    public static bool HasAttribute(ISymbol symbol, string attributeName) => FindAttribute(symbol, attributeName) is not null;

    /// <summary>The Checkpoint attribute with the simple name given, or null.</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, string attributeName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is not null && type.Name == attributeName && IsInCheckpointNamespace(type)) return attribute;
        }

        return null;
    }

    /// <summary>A named argument of an attribute, or null when it was not set.</summary>
    public static TypedConstant? GetNamedArgument(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name) return pair.Value;
        }

        return null;
    }

    /// <summary>Classifies the type of a member.</summary>
    public static StateTypeInfo Classify(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error) return default;
        if (type.SpecialType == SpecialType.System_String) return new StateTypeInfo(StateTypeKind.String, type);
        if (IsElementType(type)) return new StateTypeInfo(StateTypeKind.Scalar, type);
        if (type.TypeKind == TypeKind.Enum) return new StateTypeInfo(StateTypeKind.Enum, type);

        if (type is IArrayTypeSymbol array)
        {
            if (IsElementType(array.ElementType)) return new StateTypeInfo(StateTypeKind.Array, array.ElementType, array.Rank);
            if (array.IsSZArray && IsModel(array.ElementType)) return new StateTypeInfo(StateTypeKind.ChildList, array.ElementType);
            return default;
        }

        // A type parameter constrained to a model (where TChild : class, IStateful) is a child.
        if (type is ITypeParameterSymbol) return IsModel(type) ? new StateTypeInfo(StateTypeKind.Child, type) : default;
        if (type is not INamedTypeSymbol named) return default;
        if (IsTensor(named, out var tensorElement)) return new StateTypeInfo(StateTypeKind.Tensor, tensorElement);
        if (HasFullName(named, Namespace, "Quantity") && named.Arity == 0) return new StateTypeInfo(StateTypeKind.Quantity, named);

        // A model that happens to be enumerable (a Sequential of layers) is a child, not a list.
        if (IsModel(named)) return new StateTypeInfo(StateTypeKind.Child, named);
        if (TryGetDictionaryValue(named, out var value)) return new StateTypeInfo(StateTypeKind.ChildDictionary, value);
        if (TryGetSequenceItem(named, out var item)) return new StateTypeInfo(StateTypeKind.ChildList, item);
        return default;
    }

    /// <summary>
    /// The element types of Checkpoint tensors (the T of a DType): bool, the integer types, float, double,
    /// System.Half, Checkpoint.BFloat16, Checkpoint.Complex64, System.Numerics.Complex, and type parameters
    /// constrained to <c>unmanaged</c>.
    /// </summary>
    public static bool IsElementType(ITypeSymbol type)
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
        return HasFullName(named, "System", "Half")
            || HasFullName(named, "System.Numerics", "Complex")
            || HasFullName(named, Namespace, "BFloat16")
            || HasFullName(named, Namespace, "Complex64");
    }

    /// <summary>True for <c>Checkpoint.NdArray&lt;T&gt;</c> with an element type T.</summary>
    public static bool IsTensor(INamedTypeSymbol type, out ITypeSymbol element)
    {
        element = null!;
        if (type.Arity != 1 || !HasFullName(type, Namespace, "NdArray")) return false;
        element = type.TypeArguments[0];
        return IsElementType(element);
    }

    /// <summary>
    /// True when <paramref name="type"/> is, or will be made, a model: it implements <c>Checkpoint.IStateful</c>
    /// (compiled models, hand-written ones, the interface itself), or it is a source class the generator
    /// implements the interface for (see <see cref="DeclaresModel"/> and <see cref="CanGenerate"/>), or it
    /// derives from such a class, or it is a type parameter constrained to one of these.
    /// </summary>
    public static bool IsModel(ITypeSymbol? type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (IsModel(constraint)) return true;
            }

            return false;
        }

        if (type is not INamedTypeSymbol named) return false;
        if (IsIStateful(named)) return true;
        foreach (var implemented in named.AllInterfaces)
        {
            if (IsIStateful(implemented)) return true;
        }

        if (named.TypeKind != TypeKind.Class) return false;
        for (var current = named; current is not null; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_Object) break;
            if (DeclaresModel(current) && CanGenerate(current)) return true;
        }

        return false;
    }

    /// <summary>True for the <c>Checkpoint.IStateful</c> interface.</summary>
    public static bool IsIStateful(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && type.Arity == 0 && HasFullName(type, Namespace, "IStateful");

    /// <summary>
    /// True when the class itself says it is a model: it is marked <c>[Module]</c> or declares a member with
    /// <c>[Param]</c>, <c>[LongTerm]</c>, <c>[ShortTerm]</c> or <c>[Config]</c>. Inherited members do not count.
    /// </summary>
    public static bool DeclaresModel(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class) return false;
        if (HasAttribute(type, ModuleAttributeName)) return true;
        foreach (var member in type.GetMembers())
        {
            if (member.Kind is not (SymbolKind.Field or SymbolKind.Property)) continue;
            if (GetStateAttribute(member) is not null) return true;
        }

        return false;
    }

    /// <summary>
    /// True when the generator can add a partial declaration to <paramref name="type"/>: a non-static class (or
    /// record class) declared in source, every declaration <c>partial</c>, not file-local, and every containing
    /// type partial too.
    /// </summary>
    public static bool CanGenerate(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsImplicitlyDeclared) return false;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (!IsPartialInSource(current)) return false;
        }

        return true;
    }

    private static bool IsPartialInSource(INamedTypeSymbol type)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsDefaultOrEmpty) return false;
        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration) return false;
            var partial = false;
            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.FileKeyword)) return false;
                if (modifier.IsKind(SyntaxKind.PartialKeyword)) partial = true;
            }

            if (!partial) return false;
        }

        return true;
    }

    /// <summary>The model type T of <c>Dictionary&lt;string, T&gt;</c>, <c>IDictionary</c>, <c>IReadOnlyDictionary</c>
    /// or any sequence of <c>KeyValuePair&lt;string, T&gt;</c>.</summary>
    public static bool TryGetDictionaryValue(INamedTypeSymbol type, out ITypeSymbol value)
    {
        value = null!;
        if (!TryGetEnumeratedItem(type, out var item)) return false;
        if (item is not INamedTypeSymbol { Arity: 2 } pair
            || !HasFullName(pair, "System.Collections.Generic", "KeyValuePair")
            || pair.TypeArguments[0].SpecialType != SpecialType.System_String
            || !IsModel(pair.TypeArguments[1])
            || !pair.TypeArguments[1].IsReferenceType)
            return false;
        value = pair.TypeArguments[1];
        return true;
    }

    /// <summary>The model type T of <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c> or any
    /// other <c>IEnumerable&lt;T&gt;</c> of models.</summary>
    public static bool TryGetSequenceItem(INamedTypeSymbol type, out ITypeSymbol item)
    {
        if (TryGetEnumeratedItem(type, out item) && item.IsReferenceType && IsModel(item)) return true;
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

    /// <summary>The naming policy of a model: its own <c>[StateNaming]</c>, else the assembly's, else as declared.</summary>
    public static SourceNamingPolicy GetNamingPolicy(INamedTypeSymbol type)
    {
        if (TryGetNamingPolicy(type, out var policy)) return policy;
        if (type.ContainingAssembly is { } assembly && TryGetNamingPolicy(assembly, out policy)) return policy;
        return SourceNamingPolicy.AsDeclared;
    }

    private static bool TryGetNamingPolicy(ISymbol symbol, out SourceNamingPolicy policy)
    {
        policy = SourceNamingPolicy.AsDeclared;
        var attribute = FindAttribute(symbol, StateNamingAttributeName);
        if (attribute is null || attribute.ConstructorArguments.Length != 1) return false;
        if (attribute.ConstructorArguments[0].Value is not int value) return false;
        if (value is < 0 or > 2) return false;
        policy = (SourceNamingPolicy)value;
        return true;
    }

    /// <summary>The key of a member name under a policy (<c>RunningMean</c> to <c>running_mean</c> or <c>runningMean</c>).</summary>
    public static string ApplyNaming(string name, SourceNamingPolicy policy) => policy switch
    {
        SourceNamingPolicy.SnakeCase => ToSnakeCase(name),
        SourceNamingPolicy.CamelCase => ToCamelCase(name),
        _ => name,
    };

    /// <summary>
    /// <c>RunningMean</c> to <c>running_mean</c>, <c>VRest</c> to <c>v_rest</c>, <c>HTTPServer</c> to <c>http_server</c>,
    /// <c>Layer2Weight</c> to <c>layer2_weight</c>. A word starts at an upper-case letter that follows a lower-case
    /// letter or digit, or that ends a run of capitals and is followed by a lower-case letter.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    var previous = name[i - 1];
                    var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                        builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// <c>RunningMean</c> to <c>runningMean</c>, <c>HTTPServer</c> to <c>httpServer</c>: the leading run of
    /// capitals is lowered, except the last one when it starts the next word.
    /// </summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1])) break;
            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>True when <paramref name="symbol"/> is <c>ns.name</c> (a top-level type of that namespace).</summary>
    public static bool HasFullName(ISymbol symbol, string ns, string name)
    {
        if (symbol.Name != name || symbol.ContainingType is not null) return false;
        return NamespaceIs(symbol.ContainingNamespace, ns);
    }

    private static bool IsInCheckpointNamespace(INamedTypeSymbol type) =>
        type.ContainingType is null && NamespaceIs(type.ContainingNamespace, Namespace);

    // Compares a namespace symbol with a dotted name, right to left, without allocating.
    private static bool NamespaceIs(INamespaceSymbol? ns, string dotted)
    {
        var end = dotted.Length;
        while (end > 0)
        {
            if (ns is null || ns.IsGlobalNamespace) return false;
            var start = dotted.LastIndexOf('.', end - 1) + 1;
            var part = ns.Name;
            if (part.Length != end - start || string.CompareOrdinal(part, 0, dotted, start, part.Length) != 0) return false;
            ns = ns.ContainingNamespace;
            end = start - 1;
        }

        return ns is not null && ns.IsGlobalNamespace;
    }

    /// <summary>
    /// Whether <c>[ShortTerm(Fill = value)]</c> is representable in an element or scalar type (enums by their
    /// underlying type): integers need a whole number in range, <see cref="bool"/> 0 or 1; floating and complex
    /// types take any value. A fill that does not fit would be a compile error or a silent wrap in generated code.
    /// </summary>
    public static bool FillFits(ITypeSymbol? type, double value)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying }) type = underlying;
        double min, max;
        switch (type?.SpecialType)
        {
            case SpecialType.System_Boolean: return value == 0 || value == 1;
            case SpecialType.System_SByte: min = sbyte.MinValue; max = sbyte.MaxValue; break;
            case SpecialType.System_Byte: min = byte.MinValue; max = byte.MaxValue; break;
            case SpecialType.System_Int16: min = short.MinValue; max = short.MaxValue; break;
            case SpecialType.System_UInt16: min = ushort.MinValue; max = ushort.MaxValue; break;
            case SpecialType.System_Int32: min = int.MinValue; max = int.MaxValue; break;
            case SpecialType.System_UInt32: min = uint.MinValue; max = uint.MaxValue; break;
            // 2^63 and 2^64 are exact doubles; the largest 64-bit values are not, so compare below them.
            case SpecialType.System_Int64: return IsWhole(value) && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18;
            case SpecialType.System_UInt64: return IsWhole(value) && value >= 0 && value < 1.8446744073709552E19;
            default: return true;
        }

        return IsWhole(value) && value >= min && value <= max;
    }

    private static bool IsWhole(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && Math.Floor(value) == value;

    /// <summary>
    /// The types a <c>[Config]</c> member may have (what the generated config record holds and saves as a plain
    /// map value): bool, byte, short, int, long, uint, ulong, float, double, decimal, string and enums.
    /// </summary>
    public static bool IsConfigType(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum || type.SpecialType is
            SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_Int32 or
            SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Single or
            SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_String;

    /// <summary>The config types in words, for diagnostics.</summary>
    public const string ConfigTypesText = "bool, byte, short, int, long, uint, ulong, float, double, decimal, string or an enum";

    /// <summary>
    /// Whether a constructor parameter and a config member name the same thing: case and underscores are
    /// ignored, so <c>n_input</c>, <c>nInput</c> and <c>NInput</c> match (generated FromConfig passes it).
    /// </summary>
    public static bool ConfigNamesMatch(string parameter, string member) =>
        NormalizeConfigName(parameter) == NormalizeConfigName(member);

    private static string NormalizeConfigName(string name) => name.TrimStart('@').Replace("_", "").ToLowerInvariant();
}
