using System.Security.Cryptography;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// A write-only pass-through that hashes (SHA-256) and counts what goes through, and refuses to
/// write past a byte limit, so an oversized context fails while it is written, not after.
/// </summary>
internal sealed class DigestingWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public DigestingWriteStream(Stream inner, long maxBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
    }

    public long BytesWritten { get; private set; }

    /// <summary><c>sha256:</c> and 64 lowercase hex digits of everything written so far.</summary>
    public string Digest => "sha256:" + Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer.Length);
        _hash.AppendData(buffer);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        _hash.AppendData(buffer.Span);
        await _inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(int length)
    {
        if (BytesWritten + length > _maxBytes)
        {
            throw new ContextTooLargeException(_maxBytes);
        }

        BytesWritten += length;
    }
}
