namespace Checkpoint.Generators;

/// <summary>Names of the pipeline steps, so tests can check which steps were reused after an edit.</summary>
internal static class TrackingNames
{
    /// <summary>Class declarations that carry or hold a Checkpoint attribute by name (one per declaration).</summary>
    public const string ModelDeclarations = nameof(ModelDeclarations);

    /// <summary>Global aliases of Checkpoint attributes.</summary>
    public const string GlobalAliases = nameof(GlobalAliases);

    /// <summary>The classes that may be models, each once.</summary>
    public const string ModelClasses = nameof(ModelClasses);

    /// <summary>Every model's spec, read by the collector.</summary>
    public const string AllModels = nameof(AllModels);

    /// <summary>One spec per model, the input of one generated file.</summary>
    public const string Models = nameof(Models);

    /// <summary>Every tracked step, in pipeline order.</summary>
    public static readonly string[] All =
        [ModelDeclarations, GlobalAliases, ModelClasses, AllModels, Models];
}
