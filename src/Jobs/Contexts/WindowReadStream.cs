namespace Dockhand.Jobs.Contexts;

/// <summary>
/// A seekable read-only view of <c>length</c> bytes of another seekable stream, starting at
/// <c>start</c>. The tar writer needs a content stream whose length is known up front and does
/// not change: a file that shrinks while it is packed fails here instead of corrupting the tar,
/// and one that grows is cut at the size its header announced.
/// </summary>
internal sealed class WindowReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _start;
    private readonly long _length;
    private readonly bool _ownsInner;
    private readonly string _entryPath;
    private long _position;

    public WindowReadStream(Stream inner, long start, long length, bool ownsInner, string entryPath)
    {
        _inner = inner;
        _entryPath = entryPath;
        _start = start;
        _length = length;
        _ownsInner = ownsInner;
    }

    /// <summary>The whole of a file as it is now, with its length fixed at open.</summary>
    public static WindowReadStream OpenFile(string path, string entryPath)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new WindowReadStream(file, 0, file.Length, ownsInner: true, entryPath);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        _inner.Position = _start + _position;
        return Advance(_inner.Read(buffer[..wanted]));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        _inner.Position = _start + _position;
        return Advance(await _inner.ReadAsync(buffer[..wanted], cancellationToken));
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        return _position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsInner)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Wanted(int bufferLength) => (int)Math.Min(bufferLength, Math.Max(0, _length - _position));

    private int Advance(int read)
    {
        if (read == 0)
        {
            throw new InvalidContextException($"context: entry \"{_entryPath}\": the file became shorter while the context was being packed");
        }

        _position += read;
        return read;
    }
}
