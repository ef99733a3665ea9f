using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers;

/// <summary>Every diagnostic the Checkpoint analyzers report; ids never change meaning once shipped.</summary>
internal static class Descriptors
{
    /// <summary>Where each id's documentation page lives (the id and ".md" are appended).</summary>
    public const string HelpLinkBase = "https://github.com/checkpoint-dotnet/checkpoint/blob/main/docs/diagnostics/";

    private const string StateCategory = "Checkpoint.State";
    private const string SaveCategory = "Checkpoint.Save";
    private const string ModelCategory = "Checkpoint.Model";
    private const string ConfigCategory = "Checkpoint.Config";

    public static readonly DiagnosticDescriptor UnsavedParameter = Create(
        "CKPT0001",
        "Learnable-looking member is not saved",
        "'{0}' looks like a learnable value but has no state attribute, so it is neither saved nor loaded; mark it [Param], [LongTerm] or [ShortTerm], or [NotState] if it is scratch",
        StateCategory,
        DiagnosticSeverity.Warning,
        "A floating-point tensor, array or Quantity in a model without a state attribute is skipped by the generated save and load code.");

    public static readonly DiagnosticDescriptor ShortTermSaved = Create(
        "CKPT0002",
        "Short-term state is saved",
        "This {0} includes ShortTerm state, which is transient and re-initialised by ResetState(); pass StateKinds.Persistent to save parameters and long-term state only",
        SaveCategory,
        DiagnosticSeverity.Warning,
        "Checkpoints hold Param and LongTerm state; saving ShortTerm state makes files larger and their loads depend on transient dynamics.");

    public static readonly DiagnosticDescriptor ParamsOmitted = Create(
        "CKPT0003",
        "Parameters are left out of a save",
        "This {0} excludes Param state, so the learnable parameters are not saved; add StateKinds.Param to the kinds",
        SaveCategory,
        DiagnosticSeverity.Warning,
        "A checkpoint without parameters cannot restore a trained model.");

    public static readonly DiagnosticDescriptor ModelNotPartial = Create(
        "CKPT0004",
        "Model class must be partial",
        "Model '{0}' must be declared partial (with every containing type) so the generator can add its state code; add 'partial' to {1}",
        ModelCategory,
        DiagnosticSeverity.Error,
        "The source generator adds IStateful to each model in another part of the class, which only a partial class allows.");

    public static readonly DiagnosticDescriptor NotRestorable = Create(
        "CKPT0005",
        "State member cannot be restored",
        "State member '{0}' is {1}, so loading and ResetState() cannot assign it; {2}",
        StateCategory,
        DiagnosticSeverity.Error,
        "Loading a checkpoint and resetting state assign state members, which needs a writable instance field or a property with a setter or init accessor.");

    public static readonly DiagnosticDescriptor UnsupportedStateType = Create(
        "CKPT0006",
        "Unsupported state type",
        "State member '{0}' has type '{1}', which generated code cannot save; use " + Rules.MemberTypes.SupportedStateTypes + ", or register a custom conversion with MsgPackCheckpoint.Register and store a supported type",
        StateCategory,
        DiagnosticSeverity.Error,
        "The generator only writes accessors for the supported state types and skips other members silently.");

    public static readonly DiagnosticDescriptor ConflictingAttributes = Create(
        "CKPT0007",
        "Conflicting state attributes",
        "'{0}' has both [{1}] and [{2}]; keep the one that says what the member is",
        StateCategory,
        DiagnosticSeverity.Error,
        "A member has exactly one role: Param, LongTerm, ShortTerm, Config or NotState; the generator honours only the first attribute.");

    public static readonly DiagnosticDescriptor ConfigMisuse = Create(
        "CKPT0008",
        "Config member cannot be used",
        "Config member '{0}' {1}",
        ConfigCategory,
        DiagnosticSeverity.Error,
        "Generated FromConfig sets each config member and GetConfig reads it, so config members must be settable instance members of a supported type.");

    public static readonly DiagnosticDescriptor ChildCycle = Create(
        "CKPT0009",
        "Child model cycle",
        "Model '{0}' contains itself through {1}; state paths would never end if instances nest, so mark the back-reference [NotState]",
        ModelCategory,
        DiagnosticSeverity.Warning,
        "Children are visited recursively when collecting state; a model type that contains itself risks endless recursion when instances refer back.");

    public static readonly DiagnosticDescriptor DuplicateKey = Create(
        "CKPT0010",
        "Duplicate state key",
        "'{0}' is saved under key '{1}', which '{2}' already uses in model '{3}'; give one of them a different Name",
        StateCategory,
        DiagnosticSeverity.Error,
        "Every state member and child of a model, including inherited ones, needs its own key after the naming policy and Name overrides.");

    public static readonly DiagnosticDescriptor InvalidKey = Create(
        "CKPT0011",
        "Invalid state key",
        "The key '{1}' given for '{0}' is {2}; keys are single path segments, so use a non-empty name without '.'",
        StateCategory,
        DiagnosticSeverity.Error,
        "State keys are joined with dots into paths such as encoder.layers.0.weight, so a key may not be empty or contain a dot.");

    public static readonly DiagnosticDescriptor InvalidInitializer = Create(
        "CKPT0012",
        "ShortTerm initializer not usable",
        "Initializer '{1}' of '{0}' must name a parameterless instance method of the model returning '{2}'; {3}",
        StateCategory,
        DiagnosticSeverity.Error,
        "ResetState() calls the initializer method to re-initialise a short-term member.");

    public static readonly DiagnosticDescriptor EmptyModule = Create(
        "CKPT0013",
        "Module has no state and no children",
        "Module '{0}' has no state members and no child models, so it saves nothing; add children or remove [Module]",
        ModelCategory,
        DiagnosticSeverity.Warning,
        "[Module] marks containers of child models; one without children or state is usually a mistake.");

    public static readonly DiagnosticDescriptor StateOutsideClass = Create(
        "CKPT0014",
        "State attribute outside a class",
        "'{0}' is a member of {1} '{2}', but only classes can be models; move the member into a partial class",
        ModelCategory,
        DiagnosticSeverity.Error,
        "The generator only writes state code for classes; attributes on members of structs and interfaces are ignored.");

    public static readonly DiagnosticDescriptor FormerNameCollision = Create(
        "CKPT0015",
        "Former name collides with a current key",
        "Former name '{1}' of '{0}' is the current key of '{2}'; loading would not know which member the entry belongs to, so remove it from FormerNames",
        StateCategory,
        DiagnosticSeverity.Error,
        "FormerNames lets old files load after a rename; a former name that is another member's current key is ambiguous.");

    public static readonly DiagnosticDescriptor UnconstrainedGenericElement = Create(
        "CKPT0016",
        "Generic state element not constrained to unmanaged",
        "State member '{0}' uses type parameter '{1}' as its element type; add 'where {1} : unmanaged' so the generated accessors can store it",
        StateCategory,
        DiagnosticSeverity.Error,
        "Tensors and arrays store unmanaged elements; a type parameter without the unmanaged constraint cannot be saved.");

    public static readonly DiagnosticDescriptor FillDoesNotFit = Create(
        "CKPT0017",
        "ShortTerm Fill does not fit the member type",
        "'{0}' has [ShortTerm(Fill = {1})], which '{2}' cannot hold exactly; use a value in the type's range (whole numbers for integers, 0 or 1 for bool) or an Initializer",
        StateCategory,
        DiagnosticSeverity.Error,
        "ResetState() sets the member to its Fill value; a value outside the element type's range would wrap or not compile, so the generator leaves the member out of ResetState.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md");
}
