using System.Reflection;
using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers;

/// <summary>Every diagnostic the Checkpoint analyzers report; ids (<see cref="RuleIds"/>) never change meaning once shipped.</summary>
internal static class Descriptors
{
    /// <summary>
    /// Where each id's documentation page lives (the id and ".md" are appended): docs/diagnostics/ on the main branch
    /// of the repository. The repository's address is set once, as RepositoryUrl in Directory.Build.props, and
    /// reaches this assembly as its <c>RepositoryUrl</c> metadata.
    /// </summary>
    public static readonly string? HelpLinkBase = RepositoryUrl() is { } repository ? repository.TrimEnd('/') + "/blob/main/docs/diagnostics/" : null;

    private const string StateCategory = "Checkpoint.State";
    private const string SaveCategory = "Checkpoint.Save";
    private const string ModelCategory = "Checkpoint.Model";
    private const string ConfigCategory = "Checkpoint.Config";
    private const string SchemaCategory = "Checkpoint.Schema";

    public static readonly DiagnosticDescriptor UnsavedParameter = Create(
        RuleIds.UnsavedParameter,
        "Learnable-looking member is not saved",
        "'{0}' looks like a learnable value but has no state attribute, so it is neither saved nor loaded; mark it [Param], [LongTerm] or [ShortTerm], or [NotState] if it is scratch",
        StateCategory,
        DiagnosticSeverity.Warning,
        "A floating-point tensor, array or Quantity in a model without a state attribute is skipped by the generated save and load code.");

    public static readonly DiagnosticDescriptor ShortTermSaved = Create(
        RuleIds.ShortTermSaved,
        "Short-term state is saved",
        "This {0} includes ShortTerm state, which is transient and re-initialised by ResetState(); pass StateKinds.Persistent to save parameters and long-term state only",
        SaveCategory,
        DiagnosticSeverity.Warning,
        "Checkpoints hold Param and LongTerm state; saving ShortTerm state makes files larger and their loads depend on transient dynamics.");

    public static readonly DiagnosticDescriptor ParamsOmitted = Create(
        RuleIds.ParamsOmitted,
        "Parameters are left out of a save",
        "This {0} excludes Param state, so the learnable parameters are not saved; add StateKinds.Param to the kinds",
        SaveCategory,
        DiagnosticSeverity.Warning,
        "A checkpoint without parameters cannot restore a trained model.");

    public static readonly DiagnosticDescriptor ModelNotPartial = Create(
        RuleIds.ModelNotPartial,
        "Model class must be partial",
        "Model '{0}' must be declared partial (with every containing type) so the generator can add its state code; add 'partial' to {1}",
        ModelCategory,
        DiagnosticSeverity.Error,
        "The source generator adds IStateful to each model in another part of the class, which only a partial class allows.");

    public static readonly DiagnosticDescriptor NotRestorable = Create(
        RuleIds.NotRestorable,
        "State member cannot be restored",
        "State member '{0}' is {1}, so the generated code leaves it out of saving, loading and ResetState(); {2}",
        StateCategory,
        DiagnosticSeverity.Error,
        "Generated code reads state members to save them and assigns them to load and reset them, which needs an instance field that is not readonly or a property with a getter and a setter.");

    public static readonly DiagnosticDescriptor UnsupportedStateType = Create(
        RuleIds.UnsupportedStateType,
        "Unsupported state type",
        "State member '{0}' has type '{1}', which generated code cannot save; use " + StateTypeChecks.SupportedStateTypes + ", or register a custom conversion with MsgPackCheckpoint.Register and store a supported type",
        StateCategory,
        DiagnosticSeverity.Error,
        "The generator only writes accessors for the supported state types; it leaves members of other types out of the generated code.");

    public static readonly DiagnosticDescriptor ConflictingAttributes = Create(
        RuleIds.ConflictingAttributes,
        "Conflicting state attributes",
        "'{0}' has both [{1}] and [{2}]; keep the one that says what the member is",
        StateCategory,
        DiagnosticSeverity.Error,
        "A member has exactly one role: Param, LongTerm, ShortTerm, Config or NotState; the generator honours only the first attribute.");

    public static readonly DiagnosticDescriptor ConfigMisuse = Create(
        RuleIds.ConfigMisuse,
        "Config member cannot be used",
        "Config member '{0}' {1}",
        ConfigCategory,
        DiagnosticSeverity.Error,
        "Generated FromConfig sets each config member and GetConfig reads it, so config members must be settable instance members of a supported type.");

    public static readonly DiagnosticDescriptor ChildCycle = Create(
        RuleIds.ChildCycle,
        "Child model cycle",
        "Model '{0}' contains itself through {1}; state paths would never end if instances nest, so mark the back-reference [NotState]",
        ModelCategory,
        DiagnosticSeverity.Warning,
        "Children are visited recursively when collecting state; a model type that contains itself risks endless recursion when instances refer back.");

    public static readonly DiagnosticDescriptor DuplicateKey = Create(
        RuleIds.DuplicateKey,
        "Duplicate state key",
        "'{0}' is saved under key '{1}', which '{2}' already uses in model '{3}'; give one of them a different Name",
        StateCategory,
        DiagnosticSeverity.Error,
        "Every state member and child of a model, including inherited ones, needs its own key after the naming policy and Name overrides.");

    public static readonly DiagnosticDescriptor InvalidKey = Create(
        RuleIds.InvalidKey,
        "Invalid state key",
        "The key '{1}' given for '{0}' is {2}; keys are single path segments, so use a non-empty name without '.'",
        StateCategory,
        DiagnosticSeverity.Error,
        "State keys are joined with dots into paths such as encoder.layers.0.weight, so a key may not be empty or contain a dot.");

    public static readonly DiagnosticDescriptor InvalidInitializer = Create(
        RuleIds.InvalidInitializer,
        "ShortTerm initializer not usable",
        "Initializer '{1}' of '{0}' must name a parameterless instance method of the model returning '{2}'; {3}",
        StateCategory,
        DiagnosticSeverity.Error,
        "ResetState() calls the initializer method to re-initialise a short-term member.");

    public static readonly DiagnosticDescriptor EmptyModule = Create(
        RuleIds.EmptyModule,
        "Module has no state and no children",
        "Module '{0}' has no state members and no child models, so it saves nothing; add children or remove [Module]",
        ModelCategory,
        DiagnosticSeverity.Warning,
        "[Module] marks containers of child models; one without children or state is usually a mistake.");

    public static readonly DiagnosticDescriptor StateOutsideClass = Create(
        RuleIds.StateOutsideClass,
        "State attribute outside a class",
        "'{0}' is a member of {1} '{2}', but only classes can be models; move the member into a partial class",
        ModelCategory,
        DiagnosticSeverity.Error,
        "The generator only writes state code for classes; attributes on members of structs and interfaces are ignored.");

    public static readonly DiagnosticDescriptor FormerNameCollision = Create(
        RuleIds.FormerNameCollision,
        "Former name collides with a current key",
        "Former name '{1}' of '{0}' is the current key of '{2}'; loading would not know which member the entry belongs to, so remove it from FormerNames",
        StateCategory,
        DiagnosticSeverity.Error,
        "FormerNames lets old files load after a rename; a former name that is another member's current key is ambiguous.");

    public static readonly DiagnosticDescriptor UnconstrainedGenericElement = Create(
        RuleIds.UnconstrainedGenericElement,
        "Generic state element not constrained to unmanaged",
        "State member '{0}' uses type parameter '{1}' as its element type; add 'where {1} : unmanaged' so the generated accessors can store it",
        StateCategory,
        DiagnosticSeverity.Error,
        "Tensors and arrays store unmanaged elements; a type parameter without the unmanaged constraint cannot be saved.");

    public static readonly DiagnosticDescriptor FillDoesNotFit = Create(
        RuleIds.FillDoesNotFit,
        "ShortTerm Fill does not fit the member type",
        "'{0}' has [ShortTerm(Fill = {1})], which '{2}' cannot hold exactly; use a value in the type's range (whole numbers for integers, 0 or 1 for bool) or an Initializer",
        StateCategory,
        DiagnosticSeverity.Error,
        "ResetState() sets the member to its Fill value; a value outside the element type's range would wrap or not compile, so the generator leaves the member out of ResetState.");

    public static readonly DiagnosticDescriptor SchemaPathGone = Create(
        RuleIds.SchemaPathGone,
        "A saved path of the schema is gone",
        "Checkpoints saved before this change will not load: '{0}' of {1} is gone; add FormerNames or update the schema ({2} line {3})",
        SchemaCategory,
        DiagnosticSeverity.Warning,
        "The schema file lists a path that checkpoints hold, and the code neither saves it nor reads it under a former name, so those checkpoints no longer load.");

    public static readonly DiagnosticDescriptor SchemaPathChanged = Create(
        RuleIds.SchemaPathChanged,
        "A saved path no longer loads without loss",
        "Checkpoints saved before this change will not load '{0}' of {1}: {2}; keep the type or accept the change in the schema ({3} line {4})",
        SchemaCategory,
        DiagnosticSeverity.Warning,
        "The schema file lists a path whose saved dtype, rank or kind the member no longer reads without loss, so a load of a checkpoint saved before fails.");

    public static readonly DiagnosticDescriptor SchemaPathUnlisted = Create(
        RuleIds.SchemaPathUnlisted,
        "A saved path is not in the schema",
        "'{0}' of {1} is not in {2} as the code saves it{3}",
        SchemaCategory,
        DiagnosticSeverity.Info,
        "The code saves a path that the schema file does not list, or lists with a dtype the code has widened losslessly; the code fix adds or updates the line, and Fix All writes the whole file.");

    public static readonly DiagnosticDescriptor SchemaLineInvalid = Create(
        RuleIds.SchemaLineInvalid,
        "A schema line cannot be read",
        "{0} line {1} is not checked: {2}",
        SchemaCategory,
        DiagnosticSeverity.Warning,
        "A line of the schema file does not parse, repeats a path, or names a model the project does not have; nothing is checked against it.",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(
        string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description,
            helpLinkUri: HelpLinkBase is null ? null : HelpLinkBase + id + ".md", customTags: customTags);

    private static string? RepositoryUrl()
    {
        foreach (var metadata in typeof(Descriptors).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "RepositoryUrl" && !string.IsNullOrEmpty(metadata.Value)) return metadata.Value;
        }

        return null;
    }
}
