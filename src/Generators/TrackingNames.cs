namespace Checkpoint.Generators;

/// <summary>Names of the pipeline steps, so tests can check which steps were reused after an edit.</summary>
internal static class TrackingNames
{
    public const string ParamMembers = nameof(ParamMembers);
    public const string LongTermMembers = nameof(LongTermMembers);
    public const string ShortTermMembers = nameof(ShortTermMembers);
    public const string ConfigMembers = nameof(ConfigMembers);
    public const string ModuleClasses = nameof(ModuleClasses);

    /// <summary>The classes that may be models, each once.</summary>
    public const string ModelClasses = nameof(ModelClasses);

    /// <summary>Every model's spec, read by the collector.</summary>
    public const string AllModels = nameof(AllModels);

    /// <summary>One spec per model, the input of one generated file.</summary>
    public const string Models = nameof(Models);

    /// <summary>Every tracked step, in pipeline order.</summary>
    public static readonly string[] All =
        [ParamMembers, LongTermMembers, ShortTermMembers, ConfigMembers, ModuleClasses, ModelClasses, AllModels, Models];
}
