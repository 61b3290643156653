namespace Dockhand.Jobs.Contexts;

/// <summary>
/// A build context packed as a plain (uncompressed) tar in a temporary file, addressed by the
/// SHA-256 of that tar (<c>sha256:</c> + 64 lowercase hex digits). Disposing deletes the file.
/// </summary>
public sealed class PackedContext : IAsyncDisposable
{
    public PackedContext(string digest, long sizeBytes, string tarPath)
    {
        Digest = digest;
        SizeBytes = sizeBytes;
        TarPath = tarPath;
    }

    public string Digest { get; }
    public long SizeBytes { get; }
    public string TarPath { get; }

    public Stream OpenRead() => new FileStream(TarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public ValueTask DisposeAsync()
    {
        try { File.Delete(TarPath); } catch (IOException) { /* a temp file left behind is harmless */ }
        return ValueTask.CompletedTask;
    }
}

/// <summary>A context that cannot be used: a path escaping its root, a malformed archive. The message names the entry and the rule.</summary>
public sealed class InvalidContextException : Exception
{
    public InvalidContextException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A context larger than the configured limit (<c>Dockhand:Contexts:MaxBytes</c>).</summary>
public sealed class ContextTooLargeException : Exception
{
    public ContextTooLargeException(long limitBytes)
        : base($"context: larger than the limit of {limitBytes} bytes (Dockhand:Contexts:MaxBytes)") => LimitBytes = limitBytes;

    public long LimitBytes { get; }
}
