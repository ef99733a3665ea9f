using System.Runtime.InteropServices;

namespace Checkpoint.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation of the running command, so it stops at its next check and
/// cleans up (an atomic write removes its temporary file: no partial OUT is left) before the tool exits with
/// 128 + the signal number (130, 143). A second signal ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signal;

    private Interruption()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every system has every signal; the ones it has still cancel.
            }
        }
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code for the signal that arrived (130 for SIGINT, 143 for SIGTERM), or null when none did.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) is var signal and not 0 ? 128 + signal : null;

    /// <summary>Starts listening; null when <paramref name="listen"/> is false (runs inside another program, such as tests).</summary>
    public static Interruption? Start(bool listen) => listen ? new Interruption() : null;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        var number = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0) return; // the second signal: the default, ending the process
        context.Cancel = true;
        _source.Cancel();
    }
}
