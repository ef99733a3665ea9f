using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Checkpoint.Storage.Azure;

/// <summary>
/// The <c>azure:</c> scheme of <see cref="StorageLocation"/>: <c>azure:CONNECTION-STRING;Container=NAME[;Prefix=P]</c>, a
/// storage connection string (an account key, a SAS, Azurite's development account) with two more keys naming the
/// container and, optionally, the prefix inside it. Registered when this package loads.
/// </summary>
public static class AzureLocation
{
    /// <summary>The scheme.</summary>
    public const string Scheme = "azure";

    /// <summary>Parses what follows <c>azure:</c>.</summary>
    /// <exception cref="ArgumentException">No <c>Container=</c> key, or the connection string is empty.</exception>
    public static AzureBlobStorage Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? container = null, prefix = null;
        var rest = new List<string>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = equals < 0 ? part : part[..equals].Trim();
            if (key.Equals("Container", StringComparison.OrdinalIgnoreCase)) container = part[(equals + 1)..];
            else if (key.Equals("Prefix", StringComparison.OrdinalIgnoreCase)) prefix = part[(equals + 1)..];
            else rest.Add(part);
        }

        if (string.IsNullOrEmpty(container))
            throw new ArgumentException("An azure: location needs Container=NAME after the connection string (azure:...;Container=checkpoints;Prefix=run42).", nameof(value));
        if (rest.Count == 0) throw new ArgumentException("An azure: location needs a connection string.", nameof(value));
        return AzureBlobStorage.FromConnectionString(string.Join(';', rest) + ";", container, prefix ?? "");
    }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Registers the azure: scheme with StorageLocation when the package is loaded; it only adds a parser.")]
    internal static void Register() => StorageLocation.Register(Scheme, Parse);
}
