namespace Checkpoint;

/// <summary>
/// The top-level keys of a training checkpoint, as the BrainPy guide's dictionaries name them; every value
/// under them is a plain map or leaf, so Python reads the file with <c>braintools.file.msgpack_load</c>.
/// </summary>
public static class CheckpointKeys
{
    /// <summary>Learnable parameters (<c>net.states(ParamState)</c>).</summary>
    public const string Params = "params";

    /// <summary>Persistent statistics (<c>net.states(LongTermState)</c>).</summary>
    public const string LongTerm = "long_term";

    /// <summary>The last finished epoch.</summary>
    public const string Epoch = "epoch";

    /// <summary>The global step, when given.</summary>
    public const string Step = "step";

    /// <summary>The optimizer's state (moments, step count).</summary>
    public const string OptimizerState = "optimizer_state";

    /// <summary>The model's hyperparameters.</summary>
    public const string Config = "config";

    /// <summary>The checkpoint format version of the user's model (<c>"2.0"</c>), used by <see cref="Migrations"/>.</summary>
    public const string Version = "version";

    /// <summary>Description, metrics, date, library version and anything the user adds.</summary>
    public const string Metadata = "metadata";

    /// <summary>Metadata key: ISO 8601 UTC time of the save.</summary>
    public const string Date = "date";

    /// <summary>Metadata key: the Checkpoint library version that wrote the file.</summary>
    public const string LibraryVersion = "library_version";

    /// <summary>Metadata key: the model's class name.</summary>
    public const string ModelType = "model_type";
}
