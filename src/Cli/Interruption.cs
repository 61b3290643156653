using System.Runtime.InteropServices;

namespace Dockhand.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM become a cancelled token instead of killing the process, so a
/// command following a run stops cleanly: the open log line is closed and the exit code is 130.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;

    public Interruption()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    public CancellationToken Token => source.Token;

    private void Stop(PosixSignalContext context)
    {
        // A second Ctrl+C while we are already stopping kills the process the usual way.
        if (source.IsCancellationRequested) return;
        context.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
        source.Dispose();
    }
}
