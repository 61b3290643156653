using System.Text;

namespace Dockhand.Jobs.Runs;

/// <summary>
/// One attempt's log on its way into <see cref="LogStore"/>. Output is decoded per stream
/// (a UTF-8 sequence split across reads survives), buffered up to a threshold and written in
/// chunks, so memory stays bounded whatever a container prints. Past the per-attempt cap the
/// rest is dropped and a system line marks the truncation; callers keep draining the source.
/// </summary>
public sealed class AttemptLog : IAsyncDisposable
{
    public const string TruncationMarker = "[dockhand] output truncated";

    private readonly LogStore _store;
    private readonly AttemptLease _lease;
    private readonly LogOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<LogStream, PendingText> _pending = [];
    private readonly List<LogStream> _pendingOrder = [];
    private readonly CancellationTokenSource _stopTimer = new();
    private readonly Task _timer;

    public AttemptLog(LogStore store, AttemptLease lease, LogOptions options)
    {
        _store = store;
        _lease = lease;
        _options = options;
        _timer = FlushPeriodicallyAsync(_stopTimer.Token);
    }

    /// <summary>Bytes of build and container output seen, kept or not.</summary>
    public long TotalBytes { get; private set; }

    public bool Truncated { get; private set; }

    /// <summary>Raw container output, possibly a part of a line or of a UTF-8 sequence.</summary>
    public async Task WriteAsync(LogStream stream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var kept = Admit(bytes.Length);
            if (kept > 0)
            {
                Pending(stream).Append(bytes.Span[..kept]);
            }
            await AfterAppendAsync(stream, kept < bytes.Length, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A whole line of build output; counts against the cap like container output.</summary>
    public Task WriteBuildLineAsync(string line, CancellationToken cancellationToken) =>
        WriteCountedLineAsync(LogStream.Build, line, cancellationToken);

    /// <summary>Dockhand's own note about the attempt; never counted against the cap, never truncated.</summary>
    public async Task WriteSystemLineAsync(string line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Pending(LogStream.System).Append(line + "\n");
            await FlushLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await FlushLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopTimer.CancelAsync();
        await _timer;
        _stopTimer.Dispose();
        _gate.Dispose();
    }

    private async Task WriteCountedLineAsync(LogStream stream, string line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var text = line + "\n";
            var length = Encoding.UTF8.GetByteCount(text);
            var kept = Admit(length);
            if (kept == length)
            {
                Pending(stream).Append(text);
            }
            await AfterAppendAsync(stream, kept < length, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Counts <paramref name="length"/> more bytes and says how many of them fit under the cap.</summary>
    private int Admit(int length)
    {
        var room = Math.Max(0, _options.MaxBytesPerAttempt - TotalBytes);
        TotalBytes += length;
        return (int)Math.Min(room, length);
    }

    private async Task AfterAppendAsync(LogStream stream, bool overflowed, CancellationToken cancellationToken)
    {
        if (overflowed && !Truncated)
        {
            Truncated = true;
            Pending(LogStream.System).Append(
                $"{TruncationMarker}: this attempt's output passed {_options.MaxBytesPerAttempt} bytes (Dockhand:Logs:MaxBytesPerAttempt); the rest is not kept\n");
            await FlushLockedAsync(cancellationToken);
        }
        else if (Pending(stream).Length >= _options.FlushThreshold)
        {
            await FlushLockedAsync(cancellationToken);
        }
    }

    private PendingText Pending(LogStream stream)
    {
        if (!_pending.TryGetValue(stream, out var pending))
        {
            pending = new PendingText();
            _pending[stream] = pending;
        }
        if (pending.Length == 0 && !_pendingOrder.Contains(stream))
        {
            _pendingOrder.Add(stream);
        }
        return pending;
    }

    /// <summary>Writes every stream's pending text, in the order each stream's text first arrived.</summary>
    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        while (_pendingOrder.Count > 0)
        {
            var stream = _pendingOrder[0];
            var pending = _pending[stream];
            if (pending.Length > 0)
            {
                // Cleared only once stored: when the database is away, the text waits for the next flush.
                await _store.AppendAsync(_lease, stream, pending.Peek(), cancellationToken);
                pending.Clear();
            }
            _pendingOrder.RemoveAt(0);
        }
    }

    private async Task FlushPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the owner does the final flush.
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed background flush keeps its text pending; the owner's next write or final
            // flush meets the same failure and reports it, so nothing is hidden or lost here.
        }
    }

    /// <summary>Text of one stream waiting to be written, decoded incrementally from UTF-8.</summary>
    private sealed class PendingText
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _text = new();
        private char[] _chars = new char[4096];

        public int Length => _text.Length;

        public void Append(string text) => _text.Append(text);

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var needed = _decoder.GetCharCount(bytes, flush: false);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }
            var count = _decoder.GetChars(bytes, _chars, flush: false);
            _text.Append(_chars, 0, count);
        }

        public string Peek() => _text.ToString();

        public void Clear() => _text.Clear();
    }
}
