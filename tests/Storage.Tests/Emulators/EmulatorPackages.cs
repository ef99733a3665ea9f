using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>
/// The emulators' npm packages in tests/Storage.Tests/emulators (package.json + package-lock.json). .ci/run installs
/// them with <c>npm ci</c>; on a developer machine the first fixture does it when node_modules is missing.
/// </summary>
internal static class EmulatorPackages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _installed;

    /// <summary>The folder with package.json, recorded at build time.</summary>
    public static string Directory { get; } =
        typeof(EmulatorPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "EmulatorsDirectory").Value!;

    /// <summary>Runs <c>npm ci</c> unless both packages are installed.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_installed || (Installed("azurite") && Installed("s3rver")))
            {
                _installed = true;
                return;
            }

            var npm = Node.Npm ?? throw new InvalidOperationException($"The emulators are not installed in {Directory} and npm is not on the PATH to install them.");
            var start = new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund"])
            {
                WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"npm ci in {Directory} failed ({process.ExitCode}):\n{await output}\n{await error}");
            _installed = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The script of a package's command (its package.json <c>bin</c> entry).</summary>
    public static string Script(string package, string command)
    {
        var folder = Path.Combine(Directory, "node_modules", package);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "package.json")));
        var bin = json.RootElement.GetProperty("bin");
        var relative = bin.ValueKind == JsonValueKind.String ? bin.GetString()! : bin.GetProperty(command).GetString()!;
        return Path.GetFullPath(Path.Combine(folder, relative));
    }

    private static bool Installed(string package) => File.Exists(Path.Combine(Directory, "node_modules", package, "package.json"));
}
