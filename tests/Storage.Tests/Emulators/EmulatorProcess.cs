using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Checkpoint.Storage.Tests.Emulators;

/// <summary>
/// One emulator run by node on a free loopback port with its own data folder; ready once it answers HTTP, killed
/// (with its children) and its data deleted on disposal.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly StringBuilder _output;

    private EmulatorProcess(Process process, StringBuilder output, int port, string dataDirectory)
    {
        _process = process;
        _output = output;
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its data folder (deleted on disposal).</summary>
    public string DataDirectory { get; }

    /// <summary>Its base URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// Starts <paramref name="script"/> with node, with the arguments <paramref name="arguments"/> gives for a port and a
    /// data folder, and waits until it answers. A port taken between choosing and binding it is retried with another.
    /// </summary>
    public static async Task<EmulatorProcess> StartAsync(string name, string script, Func<int, string, IEnumerable<string>> arguments)
    {
        var node = Node.Executable ?? throw new InvalidOperationException(Node.MissingMessage);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var data = Path.Combine(Path.GetTempPath(), $"ckpt-{name}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(data);
            var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            foreach (var argument in arguments(port, data)) start.ArgumentList.Add(argument);
            var output = new StringBuilder();
            var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var emulator = new EmulatorProcess(process, output, port, data);
            if (await emulator.WaitUntilReadyAsync(TimeSpan.FromSeconds(60))) return emulator;
            var log = emulator.Log;
            await emulator.DisposeAsync();
            if (attempt == 3) throw new InvalidOperationException($"{name} did not start on port {port} (node {script}):\n{log}");
        }
    }

    /// <summary>Whether the emulator process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>What the emulator printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Kills the emulator and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process: the temp folder is cleaned by the system.
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) return false;
            try
            {
                using var response = await Probe.GetAsync(Url);
                return true; // any HTTP answer means it listens
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        return false;
    }
}
