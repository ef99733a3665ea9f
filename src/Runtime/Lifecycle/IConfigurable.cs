namespace Checkpoint;

/// <summary>
/// A model whose hyperparameters (its <c>[Config]</c> members) can be read as a plain map, the
/// <c>config</c> entry of a checkpoint. The generator implements it for every model with config members.
/// </summary>
public interface IConfigurable : IStateful
{
    /// <summary>The model's configuration as a plain map (config keys to ints, floats, bools and strings).</summary>
    StateDict GetConfigDict();
}

/// <summary>
/// A model that can be built from a saved configuration map, so generic code
/// (<c>TrainingCheckpoint.LoadModel&lt;TModel&gt;</c>, <see cref="ModelZoo"/>) can create it.
/// </summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
public interface IConfigurable<TSelf> : IConfigurable where TSelf : IConfigurable<TSelf>
{
    /// <summary>Builds a model from a configuration map as <see cref="IConfigurable.GetConfigDict"/> writes it.</summary>
    /// <param name="config">The configuration map.</param>
    /// <param name="mismatch">What to do with missing or unknown keys: throw, warn (keep defaults) or ignore.</param>
    static abstract TSelf FromConfigDict(StateDict config, Mismatch mismatch = Mismatch.Error);
}

/// <summary>A model with a typed configuration record (generated: <c>SimpleNetConfig</c> for <c>SimpleNet</c>).</summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
/// <typeparam name="TConfig">The configuration record.</typeparam>
public interface IConfigurable<TSelf, TConfig> : IConfigurable<TSelf>
    where TSelf : IConfigurable<TSelf, TConfig>
    where TConfig : IModelConfig<TConfig>
{
    /// <summary>The current configuration.</summary>
    TConfig GetConfig();

    /// <summary>Builds a model from a configuration (the <c>from_config</c> class method of the Python guide).</summary>
    /// <param name="config">The configuration.</param>
    static abstract TSelf FromConfig(TConfig config);
}

/// <summary>A configuration record that converts to and from a plain map.</summary>
public interface IModelConfig
{
    /// <summary>The configuration as a plain map keyed by saved names (<c>n_input</c>).</summary>
    StateDict ToStateDict();
}

/// <summary>A configuration record that converts to and from a plain map.</summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface IModelConfig<TSelf> : IModelConfig where TSelf : IModelConfig<TSelf>
{
    /// <summary>Reads a configuration map; keys missing from it keep the record's defaults unless <paramref name="mismatch"/> is Error.</summary>
    /// <param name="source">The map, as <see cref="IModelConfig.ToStateDict"/> writes it or Python saves it.</param>
    /// <param name="mismatch">Error: missing or unknown keys throw; Warn/Ignore: they are skipped.</param>
    static abstract TSelf FromStateDict(StateDict source, Mismatch mismatch = Mismatch.Error);
}
