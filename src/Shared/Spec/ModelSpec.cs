namespace Checkpoint.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one model's partial class: plain, equatable values (no symbols,
/// syntax or locations), so an unrelated edit leaves it equal and the generated file cached.
/// </summary>
/// <param name="FullName">The fully qualified name (<c>global::Demo.Outer.Lif&lt;T&gt;</c>); identifies the model.</param>
/// <param name="HintName">The generated file's name (<c>Demo.Outer.Lif`1.g.cs</c>).</param>
/// <param name="Namespace">The namespace (<c>Demo</c>), or empty for the global namespace.</param>
/// <param name="ContainingTypes">The types the model is nested in, outermost first.</param>
/// <param name="Type">The model class itself.</param>
/// <param name="IsSealed">A sealed root emits private, non-virtual core methods.</param>
/// <param name="BaseIsModel">The base class is a model: emit overrides that call the base first.</param>
/// <param name="Members">The state members, children and config members, in declaration order.</param>
internal sealed record ModelSpec(
    string FullName,
    string HintName,
    string Namespace,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    TypeDeclarationSpec Type,
    bool IsSealed,
    bool BaseIsModel,
    EquatableArray<MemberSpec> Members)
{
    /// <summary>The configuration record to emit, or null when the model has no supported <c>[Config]</c> members.</summary>
    public ConfigSpec? Config { get; init; }

    /// <summary>The base class's full name when it is a model (<c>global::Demo.Layer&lt;float&gt;</c>); empty otherwise.</summary>
    public string BaseModel { get; init; } = "";

    /// <summary>The class is abstract: never saved as itself (the schema lists only the paths of concrete models).</summary>
    public bool IsAbstract { get; init; }
}

/// <summary>One partial type declaration to re-open: <c>partial record Lif&lt;T&gt;</c>.</summary>
/// <param name="Keyword">The declaration keyword (<c>class</c>, <c>record</c>, <c>struct</c>, <c>record struct</c>, <c>interface</c>).</param>
/// <param name="Name">The identifier, escaped where it is a keyword.</param>
/// <param name="TypeParameters">The type parameter list with its brackets (<c>&lt;T&gt;</c>), or empty.</param>
internal sealed record TypeDeclarationSpec(string Keyword, string Name, string TypeParameters);
