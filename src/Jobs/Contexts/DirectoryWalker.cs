namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Lists a directory as context entries: files, directories and symlinks (never followed; the
/// link itself is listed). Excluded files are not even looked at; an excluded directory is
/// walked only when .dockerignore could keep something inside it. Anything else (fifo,
/// socket, device) that is not excluded fails the walk, naming it.
/// </summary>
internal static class DirectoryWalker
{
    public static List<ContextEntry> Walk(string root, DockerIgnore ignore, CancellationToken ct)
    {
        var entries = new List<ContextEntry>();
        WalkInto(new DirectoryInfo(root), relative: null, ignore, entries, ct);
        return entries;
    }

    private static void WalkInto(DirectoryInfo directory, string? relative, DockerIgnore ignore, List<ContextEntry> entries, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        IEnumerable<FileSystemInfo> children;
        try
        {
            children = directory.EnumerateFileSystemInfos().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidContextException($"context: directory \"{relative ?? "."}\" cannot be listed: {ex.Message}", ex);
        }

        foreach (var child in children)
        {
            var path = relative is null ? child.Name : relative + "/" + child.Name;
            var excluded = ignore.IsExcluded(path);
            if (child.LinkTarget is { } target)
            {
                if (!excluded)
                {
                    entries.Add(new ContextEntry(path, ContextEntryKind.Symlink, ContextEntry.SymlinkMode, target));
                }
            }
            else if (child is DirectoryInfo subdirectory)
            {
                if (excluded && !ignore.MayKeepSomethingInside(path))
                {
                    continue;
                }

                // Listed even when excluded: the selector sends it only if something inside is kept.
                entries.Add(new ContextEntry(path, ContextEntryKind.Directory, child.UnixFileMode));
                WalkInto(subdirectory, path, ignore, entries, ct);
            }
            else if (!excluded)
            {
                entries.Add(FileEntry((FileInfo)child, path));
            }
        }
    }

    private static ContextEntry FileEntry(FileInfo file, string path)
    {
        if (FileKindProbe.DescribeIfSpecial(file) is { } kind)
        {
            throw new InvalidContextException(
                $"context: entry \"{path}\" is a {kind}; a context holds only files, directories and symlinks (list it in .dockerignore)");
        }

        var fullPath = file.FullName;
        return new ContextEntry(path, ContextEntryKind.File, file.UnixFileMode, OpenContent: () => WindowReadStream.OpenFile(fullPath, path));
    }
}
