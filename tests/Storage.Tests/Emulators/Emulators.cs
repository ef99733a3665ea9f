namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>How each emulator is started and reached.</summary>
internal static class Emulators
{
    /// <summary>Azurite's well-known development account (public, documented with Azurite; not a secret).</summary>
    public const string AzuriteAccount = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented with Azurite; not a secret).</summary>
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>s3rver's default access key and secret.</summary>
    public const string S3rverKey = "S3RVER";

    /// <summary>Starts Azurite's blob service (API version check off: the SDK may be newer than the emulator).</summary>
    public static async Task<EmulatorProcess> StartAzuriteAsync()
    {
        await EmulatorPackages.EnsureInstalledAsync();
        return await EmulatorProcess.StartAsync("azurite", EmulatorPackages.Script("azurite", "azurite-blob"), (port, data) =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--location", data, "--silent", "--skipApiVersionCheck", "--loose"]);
    }

    /// <summary>Starts s3rver, through emulators/s3rver-keepalive.js (an error inside one request must not end it).</summary>
    public static async Task<EmulatorProcess> StartS3rverAsync()
    {
        await EmulatorPackages.EnsureInstalledAsync();
        return await EmulatorProcess.StartAsync("s3rver", Path.Combine(EmulatorPackages.Directory, "s3rver-keepalive.js"), (port, data) =>
            ["--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", data]);
    }

    /// <summary>The connection string of a running Azurite.</summary>
    public static string AzuriteConnectionString(EmulatorProcess azurite) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteAccount};AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:{azurite.Port}/{AzuriteAccount};";
}
