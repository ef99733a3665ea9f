using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Checkpoint.Storage;

/// <summary>
/// Turns a location written as text (a command-line argument, a configuration value) into a storage:
/// <c>file:DIR</c> (or a plain path) for the local disk, <c>azure:CONNECTION-STRING;Container=NAME[;Prefix=P]</c> for Azure
/// Blob Storage, <c>s3://BUCKET/PREFIX</c> or <c>s3:http://HOST:PORT/BUCKET/PREFIX?...</c> for S3 and compatible stores.
/// The local disk is built in; each backend package registers its scheme (<see cref="Register"/>) when it loads, and
/// <see cref="Parse"/> loads a backend package that the application references but has not touched yet.
/// </summary>
/// <remarks>The exact syntax of each scheme is in docs/storage.md ("Locations as text").</remarks>
public static class StorageLocation
{
    // The packages that provide the schemes this library knows of, loaded on first use.
    private static readonly Dictionary<string, string> KnownPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["azure"] = "Checkpoint.Azure",
        ["s3"] = "Checkpoint.S3",
    };

    private static readonly ConcurrentDictionary<string, Func<string, ObjectStorage>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["file"] = value => new LocalFileStorage(LocalPath(value)),
    };

    /// <summary>The schemes that can be parsed now (the built-in <c>file</c> and those of the backend packages loaded so far).</summary>
    public static IReadOnlyCollection<string> Schemes => Factories.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Makes <paramref name="scheme"/> parse with <paramref name="factory"/>, which gets what follows <c>scheme:</c>.</summary>
    /// <exception cref="ArgumentException">The scheme is empty or has characters other than letters, digits, '+', '-' and '.'.</exception>
    public static void Register(string scheme, Func<string, ObjectStorage> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(factory);
        if (!char.IsAsciiLetter(scheme[0]) || scheme.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')))
            throw new ArgumentException($"'{scheme}' is not a URI scheme.", nameof(scheme));
        Factories[scheme] = factory;
    }

    /// <summary>The storage <paramref name="location"/> names. Nothing is created or contacted yet (see <see cref="ObjectStorage.PrepareAsync"/>).</summary>
    /// <exception cref="ArgumentException">The location is empty, malformed for its scheme, or its scheme is unknown (the message lists the known ones).</exception>
    /// <exception cref="CheckpointException">The scheme's backend package is not available to the application.</exception>
    public static ObjectStorage Parse(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var colon = location.IndexOf(':');
        // No scheme, or a one-letter drive (C:\runs): a path on the local disk.
        if (colon <= 1) return new LocalFileStorage(location);
        var scheme = location[..colon];
        if (scheme.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))) return new LocalFileStorage(location);
        var value = location[(colon + 1)..];
        if (!Factories.TryGetValue(scheme, out var factory))
        {
            LoadPackage(scheme);
            if (!Factories.TryGetValue(scheme, out factory))
                throw new ArgumentException($"Unknown storage scheme '{scheme}:' in '{location}'; known: {string.Join(", ", Schemes.Select(s => s + ":"))}.", nameof(location));
        }

        return factory(value);
    }

    // file:DIR, file:/abs/dir, file:///abs/dir: a path, never a URL with a host.
    private static string LocalPath(string value)
    {
        if (value.StartsWith("//", StringComparison.Ordinal)) value = new Uri("file:" + value).LocalPath;
        ArgumentException.ThrowIfNullOrEmpty(value, "location");
        return value;
    }

    private static void LoadPackage(string scheme)
    {
        if (!KnownPackages.TryGetValue(scheme, out var package)) return;
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(package);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new CheckpointException($"'{scheme}:' locations need the {package} package; add it to the application.", e);
        }

        // Its module initializer registers the scheme.
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }
}
