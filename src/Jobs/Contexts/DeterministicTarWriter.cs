using System.Formats.Tar;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Writes selected entries into a plain tar in a temp file so that the same content always
/// gives the same bytes, hence the same digest: entries in the given (sorted) order, every
/// mtime the Unix epoch, uid/gid 0, no user/group names, only the permission bits of each
/// entry. GNU format: long names go in ././@LongLink records; PAX is avoided because .NET
/// names its extended headers after the process id, which would change the digest per run.
/// </summary>
internal static class DeterministicTarWriter
{
    public static async Task<PackedContext> WriteAsync(IReadOnlyList<ContextEntry> sortedEntries, long maxBytes, CancellationToken ct)
    {
        var tarPath = Path.Combine(Path.GetTempPath(), $"dockhand-context-{Guid.NewGuid():N}.tar");
        try
        {
            string digest;
            long size;
            await using (var file = new FileStream(tarPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            await using (var digesting = new DigestingWriteStream(file, maxBytes))
            {
                await using (var tar = new TarWriter(digesting, TarEntryFormat.Gnu, leaveOpen: true))
                {
                    foreach (var entry in sortedEntries)
                    {
                        ct.ThrowIfCancellationRequested();
                        await WriteEntryAsync(tar, entry, ct);
                    }
                }

                digest = digesting.Digest;
                size = digesting.BytesWritten;
            }

            return new PackedContext(digest, size, tarPath);
        }
        catch
        {
            TryDelete(tarPath);
            throw;
        }
    }

    private static async Task WriteEntryAsync(TarWriter tar, ContextEntry entry, CancellationToken ct)
    {
        var (type, name) = entry.Kind switch
        {
            ContextEntryKind.Directory => (TarEntryType.Directory, entry.Path + "/"),
            ContextEntryKind.Symlink => (TarEntryType.SymbolicLink, entry.Path),
            _ => (TarEntryType.RegularFile, entry.Path),
        };

        var header = new GnuTarEntry(type, name)
        {
            Mode = entry.Mode,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            ModificationTime = DateTimeOffset.UnixEpoch,
        };

        if (entry.Kind == ContextEntryKind.Symlink)
        {
            header.LinkName = entry.LinkTarget!;
        }

        if (entry.Kind != ContextEntryKind.File)
        {
            await tar.WriteEntryAsync(header, ct);
            return;
        }

        Stream content;
        try
        {
            content = entry.OpenContent!();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidContextException($"context: entry \"{entry.Path}\": cannot be read: {ex.Message}", ex);
        }

        await using (content)
        {
            header.DataStream = content;
            await tar.WriteEntryAsync(header, ct);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A temp file left behind is harmless.
        }
    }
}
