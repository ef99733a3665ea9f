namespace Checkpoint.Cli.Tests;

/// <summary>A fresh folder under /tmp for one test class, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ckpt-cli-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Names in the folder (temporary files of atomic writes included).</summary>
    public IReadOnlyList<string> Names() => Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order().ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
