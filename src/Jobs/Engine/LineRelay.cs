using System.Threading.Channels;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// Carries log lines from Docker.DotNet's synchronous progress callback to our asynchronous
/// <c>onLog</c>, in order, through a bounded channel. The callback runs on the client's own
/// stream-reading task; when the consumer falls behind, <see cref="Post"/> waits there, which
/// only slows reading the engine's stream (back-pressure). The consumer never waits on the
/// producer, so that wait cannot deadlock.
/// </summary>
internal sealed class LineRelay : IDisposable
{
    private const int Capacity = 256;

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Func<string, CancellationToken, ValueTask> _onLog;

    // Cancelled when the consumer stops (onLog threw, or the caller cancelled), so a producer
    // waiting for room gives up and the engine call it runs inside ends quickly.
    private readonly CancellationTokenSource _consumerGone = new();

    public LineRelay(Func<string, CancellationToken, ValueTask> onLog) => _onLog = onLog;

    public void Post(string line)
    {
        _consumerGone.Token.ThrowIfCancellationRequested();
        if (!_lines.Writer.TryWrite(line))
        {
            _lines.Writer.WriteAsync(line, _consumerGone.Token).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Posts the last line (after the engine call ended) and closes the relay; when the
    /// consumer has already stopped there is nobody to tell, so the line is dropped.</summary>
    public void Complete(string? lastLine = null)
    {
        try
        {
            if (lastLine is not null)
            {
                Post(lastLine);
            }
        }
        catch (OperationCanceledException) when (_consumerGone.IsCancellationRequested)
        {
            // The consumer's own exception is what the caller will see.
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    /// <summary>Hands every posted line to <c>onLog</c> until <see cref="Complete"/>; a failing
    /// <c>onLog</c> ends the relay with its exception.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken))
            {
                await _onLog(line, cancellationToken);
            }
        }
        catch
        {
            await _consumerGone.CancelAsync();
            throw;
        }
    }

    public void Dispose() => _consumerGone.Dispose();
}
