namespace Dockhand.Jobs.Contexts;

/// <summary>
/// A read-only stream whose first bytes were already read to look at them (the gzip magic);
/// they are served again before the rest of the inner stream.
/// </summary>
internal sealed class PeekedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private int _headOffset;

    private PeekedReadStream(Stream inner, byte[] head)
    {
        _inner = inner;
        _head = head;
    }

    /// <summary>The first bytes (fewer only when the stream is shorter).</summary>
    public ReadOnlySpan<byte> Head => _head;

    public static async Task<PeekedReadStream> PeekAsync(Stream inner, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var filled = await inner.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, ct);
        return new PeekedReadStream(inner, buffer[..filled]);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) =>
        TryReadHead(buffer, out var read) ? read : _inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        TryReadHead(buffer.Span, out var read) ? ValueTask.FromResult(read) : _inner.ReadAsync(buffer, cancellationToken);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool TryReadHead(Span<byte> buffer, out int read)
    {
        read = Math.Min(buffer.Length, _head.Length - _headOffset);
        if (read <= 0 || buffer.Length == 0)
        {
            read = 0;
            return false;
        }

        _head.AsSpan(_headOffset, read).CopyTo(buffer);
        _headOffset += read;
        return true;
    }
}
