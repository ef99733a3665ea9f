using System.Reflection;

namespace Checkpoint;

/// <summary>Facts about this library, written into checkpoint metadata and shown by the CLI.</summary>
public static class LibraryInfo
{
    /// <summary>The library version (for example <c>0.1.0</c>), set in one place for the whole build.</summary>
    public static string Version { get; } =
        typeof(LibraryInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(LibraryInfo).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}
