using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// An uploaded tar or tar.gz, read once and checked: its entries (names cleaned) with their
/// file contents spooled to a temp file that is deleted on dispose. Gzip is recognised by its
/// magic bytes. The limit applies to the bytes received and to the expanded tar, so neither a
/// big upload nor a gzip bomb gets past it.
/// </summary>
internal sealed class UploadedArchive : IAsyncDisposable
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];

    private readonly FileStream _spool;
    private readonly Dictionary<string, ContextEntry> _latestByPath = new(StringComparer.Ordinal);

    private UploadedArchive(FileStream spool) => _spool = spool;

    public List<ContextEntry> Entries { get; } = [];

    /// <summary>The text of a regular-file .dockerignore at the archive root, if any.</summary>
    public string? DockerIgnoreText { get; private set; }

    public static async Task<UploadedArchive> ReadAsync(Stream upload, long maxBytes, CancellationToken ct)
    {
        var spoolPath = Path.Combine(Path.GetTempPath(), $"dockhand-upload-{Guid.NewGuid():N}.spool");
        var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var archive = new UploadedArchive(spool);
        try
        {
            await archive.ReadEntriesAsync(upload, maxBytes, ct);
            return archive;
        }
        catch
        {
            await archive.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _spool.DisposeAsync();

    private async Task ReadEntriesAsync(Stream upload, long maxBytes, CancellationToken ct)
    {
        var received = await PeekedReadStream.PeekAsync(new LimitedReadStream(upload, maxBytes), GzipMagic.Length, ct);
        var isGzip = received.Head.SequenceEqual(GzipMagic);
        await using var expanded = isGzip ? new GZipStream(received, CompressionMode.Decompress) : (Stream)received;
        await using var tar = new TarReader(new LimitedReadStream(expanded, maxBytes), leaveOpen: true);
        try
        {
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                await AddAsync(entry, ct);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            var kind = isGzip ? "tar.gz" : "tar";
            throw new InvalidContextException($"context: the upload is not a valid {kind} archive ({ex.Message})", ex);
        }

        if (Entries.Count == 0)
        {
            throw new InvalidContextException("context: the upload holds no entries; send a tar or tar.gz of the build context");
        }
    }

    private async Task AddAsync(TarEntry entry, CancellationToken ct)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return; // metadata for the reader, not a file
        }

        var path = ContextPath.FromArchiveEntryName(entry.Name);
        if (path is null)
        {
            return; // the root directory itself ("./")
        }

        var added = entry.EntryType switch
        {
            TarEntryType.Directory => new ContextEntry(path, ContextEntryKind.Directory, entry.Mode),
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => await SpoolFileAsync(path, entry, ct),
            TarEntryType.SymbolicLink => new ContextEntry(path, ContextEntryKind.Symlink, ContextEntry.SymlinkMode, entry.LinkName),
            TarEntryType.HardLink => ResolveHardLink(path, entry.LinkName),
            _ => throw new InvalidContextException(
                $"context: entry \"{entry.Name}\" is a {entry.EntryType} entry; a context holds only files, directories and links"),
        };
        Entries.Add(added);
        _latestByPath[path] = added;
    }

    private async Task<ContextEntry> SpoolFileAsync(string path, TarEntry entry, CancellationToken ct)
    {
        var start = _spool.Length;
        _spool.Position = start;
        if (entry.DataStream is { } data)
        {
            await data.CopyToAsync(_spool, ct);
        }

        var length = _spool.Length - start;
        if (path == DockerIgnore.FileName)
        {
            _spool.Position = start;
            var bytes = new byte[length];
            await _spool.ReadExactlyAsync(bytes, ct);
            DockerIgnoreText = Encoding.UTF8.GetString(bytes);
        }

        var spool = _spool;
        return new ContextEntry(path, ContextEntryKind.File, entry.Mode,
            OpenContent: () => new WindowReadStream(spool, start, length, ownsInner: false, path));
    }

    /// <summary>
    /// A hard link names an earlier entry of the same archive; it is sent as a regular file with
    /// that entry's content and mode, so the tar never depends on entry order.
    /// </summary>
    private ContextEntry ResolveHardLink(string path, string linkName)
    {
        string? target;
        try
        {
            target = ContextPath.FromArchiveEntryName(linkName);
        }
        catch (InvalidContextException)
        {
            throw new InvalidContextException($"context: entry \"{path}\": hard link target \"{linkName}\" escapes the context root");
        }

        if (target is null || !_latestByPath.TryGetValue(target, out var linked) || linked.Kind != ContextEntryKind.File)
        {
            throw new InvalidContextException(
                $"context: entry \"{path}\": hard link target \"{linkName}\" is not a regular file earlier in the archive");
        }

        return linked with { Path = path };
    }
}
