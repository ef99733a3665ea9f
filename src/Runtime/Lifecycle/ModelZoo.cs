using System.Text.RegularExpressions;

namespace Checkpoint;

/// <summary>One model of a <see cref="ModelZoo"/>.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Metadata">Its metadata map (accuracy, description, date, ...).</param>
public sealed record ZooEntry(string Name, StateDict Metadata);

/// <summary>
/// A directory of named, inference-ready models with metadata (the guide's <c>ModelZoo</c>); each model is one
/// <see cref="TrainingCheckpoint.ExportForInference"/> file, <c>name.msgpack</c>.
/// </summary>
public sealed partial class ModelZoo
{
    /// <summary>The file extension of zoo entries.</summary>
    public const string Extension = ".msgpack";

    /// <summary>Opens (and creates) the zoo directory.</summary>
    /// <param name="directory">The directory.</param>
    public ModelZoo(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The zoo's full directory path.</summary>
    public string Directory { get; }

    /// <summary>Adds or replaces a model, with its <c>sha256sum</c>-compatible sidecar (<c>name.msgpack.sha256</c>), which loads check.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-', starting with a letter or digit: it cannot leave the directory.</param>
    /// <param name="model">The model (its parameters and configuration are saved).</param>
    /// <param name="metadata">Accuracy, description, ...</param>
    /// <returns>The written file.</returns>
    public FileInfo Save(string name, IStateful model, StateDict? metadata = null) =>
        TrainingCheckpoint.ExportForInference(PathOf(name), model, metadata);

    /// <summary>Builds a model from its saved configuration and loads its parameters.</summary>
    /// <typeparam name="TModel">The model type.</typeparam>
    /// <param name="name">The model's name.</param>
    /// <returns>The model and its metadata.</returns>
    public (TModel Model, StateDict Metadata) Load<TModel>(string name) where TModel : IConfigurable<TModel>
    {
        var loaded = TrainingCheckpoint.LoadModel<TModel>(PathOf(name));
        return (loaded.Model, loaded.Metadata);
    }

    /// <summary>True when the zoo has a model of that name.</summary>
    /// <param name="name">The model's name.</param>
    public bool Contains(string name) => File.Exists(PathOf(name));

    /// <summary>Removes a model; false when there was none.</summary>
    /// <param name="name">The model's name.</param>
    public bool Delete(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return false;
        // The sidecar first: a sidecar without its file is harmless, a file with a stale sidecar would not load.
        Storage.ChecksumSidecar.Delete(path);
        File.Delete(path);
        return true;
    }

    /// <summary>The models in the zoo, sorted by name, with their metadata.</summary>
    public IReadOnlyList<ZooEntry> List() =>
        System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Where(IsValidName)
            .Order(StringComparer.Ordinal)
            .Select(name => new ZooEntry(name, TrainingCheckpoint.ReadMetadata(PathOf(name))))
            .ToList();

    /// <summary>True for names a zoo accepts.</summary>
    /// <param name="name">A candidate name.</param>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 128 } && ValidName().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    private string PathOf(string name)
    {
        if (!IsValidName(name))
            throw new ArgumentException(
                $"'{name}' is not a valid model name: use letters, digits, '.', '_' and '-' (starting with a letter or digit, no '..', at most 128 characters).",
                nameof(name));
        return Path.Combine(Directory, name + Extension);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ValidName();
}
