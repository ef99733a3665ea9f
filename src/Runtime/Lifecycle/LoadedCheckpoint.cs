namespace Checkpoint;

/// <summary>What <see cref="TrainingCheckpoint.Load"/> read besides the state it loaded into the model.</summary>
/// <param name="Epoch">The saved epoch (resume from <c>Epoch + 1</c>), or -1 when the file has none (an inference export).</param>
/// <param name="Step">The saved global step, or null.</param>
/// <param name="Version">The checkpoint's version after migration.</param>
/// <param name="Metadata">The metadata map (empty when the file has none).</param>
/// <param name="Config">The configuration map, or null.</param>
/// <param name="Report">What was loaded, skipped, renamed and migrated.</param>
public sealed record LoadedCheckpoint(int Epoch, long? Step, string Version, StateDict Metadata, StateDict? Config, LoadReport Report);

/// <summary>A model built from a checkpoint's configuration, with what else the file held.</summary>
/// <typeparam name="TModel">The model type.</typeparam>
/// <param name="Model">The model, its parameters loaded.</param>
/// <param name="Checkpoint">Epoch, metadata, version and the load report.</param>
public sealed record LoadedModel<TModel>(TModel Model, LoadedCheckpoint Checkpoint)
{
    /// <summary>The file's metadata map.</summary>
    public StateDict Metadata => Checkpoint.Metadata;
}
