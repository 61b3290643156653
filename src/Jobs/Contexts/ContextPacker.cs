namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Makes build contexts: a directory (CLI side) or an uploaded tar/tar.gz (API side) becomes a
/// deterministic plain tar in a temp file, filtered by its .dockerignore and addressed by the
/// SHA-256 of the tar. The same content always gives the same digest (mtimes, owners and entry
/// order do not count), so a context is stored and built once.
/// </summary>
public static class ContextPacker
{
    /// <summary>The Dockerfile name docker uses when none is given.</summary>
    public const string DefaultDockerfile = "Dockerfile";

    /// <summary>
    /// Packs a directory. <paramref name="dockerfilePath"/> is relative to the directory (the
    /// spec's <c>build.dockerfile</c>); it must exist there, and it is sent even when
    /// .dockerignore matches it. Symlinks are sent as links, never followed (see LinkRules for
    /// which targets are refused).
    /// </summary>
    /// <exception cref="InvalidContextException">Missing directory or Dockerfile, bad .dockerignore, refused entry.</exception>
    /// <exception cref="ContextTooLargeException">The tar would exceed <paramref name="maxBytes"/>; no file is left behind.</exception>
    public static async Task<PackedContext> PackDirectoryAsync(string directory, string dockerfilePath, long maxBytes, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidContextException($"context: directory \"{directory}\" does not exist");
        }

        var dockerfile = CleanDockerfilePath(dockerfilePath);
        var ignoreFile = Path.Combine(directory, DockerIgnore.FileName);
        var ignore = File.Exists(ignoreFile)
            ? DockerIgnore.Parse(await File.ReadAllTextAsync(ignoreFile, ct))
            : DockerIgnore.Empty;
        ignore = ignore.KeepingBuildFiles(dockerfile);

        var found = await Task.Run(() => DirectoryWalker.Walk(directory, ignore, ct), ct);
        var selected = ContextSelector.Select(found, ignore);
        EnsureDockerfilePresent(selected, dockerfile, dockerfilePath);
        return await DeterministicTarWriter.WriteAsync(selected, maxBytes, ct);
    }

    /// <summary>
    /// Checks and normalizes an uploaded context (tar, or tar.gz recognised by its magic bytes)
    /// whose Dockerfile is <paramref name="dockerfilePath"/>: it must be in the archive and is
    /// kept even if the archive's .dockerignore matches it.
    /// </summary>
    /// <exception cref="InvalidContextException">Malformed archive, refused entry (named), missing Dockerfile.</exception>
    /// <exception cref="ContextTooLargeException">The upload, its expanded tar or the result exceeds <paramref name="maxBytes"/>.</exception>
    public static Task<PackedContext> NormalizeUploadAsync(Stream upload, string dockerfilePath, long maxBytes, CancellationToken ct) =>
        NormalizeAsync(upload, dockerfilePath, maxBytes, ct);

    /// <summary>
    /// Checks and normalizes an uploaded context when its Dockerfile is not known yet: the
    /// default <c>Dockerfile</c> is kept if present, but not required.
    /// </summary>
    public static Task<PackedContext> NormalizeUploadAsync(Stream upload, long maxBytes, CancellationToken ct) =>
        NormalizeAsync(upload, dockerfilePath: null, maxBytes, ct);

    private static async Task<PackedContext> NormalizeAsync(Stream upload, string? dockerfilePath, long maxBytes, CancellationToken ct)
    {
        var dockerfile = CleanDockerfilePath(dockerfilePath ?? DefaultDockerfile);
        await using var archive = await UploadedArchive.ReadAsync(upload, maxBytes, ct);
        var ignore = archive.DockerIgnoreText is { } text ? DockerIgnore.Parse(text) : DockerIgnore.Empty;
        ignore = ignore.KeepingBuildFiles(dockerfile);

        var selected = ContextSelector.Select(archive.Entries, ignore);
        if (dockerfilePath is not null)
        {
            EnsureDockerfilePresent(selected, dockerfile, dockerfilePath);
        }

        return await DeterministicTarWriter.WriteAsync(selected, maxBytes, ct);
    }

    private static string CleanDockerfilePath(string dockerfilePath)
    {
        var cleaned = ContextPath.Clean(dockerfilePath.Trim());
        if (cleaned.StartsWith('/') || ContextPath.Escapes(cleaned) || cleaned == ".")
        {
            throw new InvalidContextException($"build.dockerfile: \"{dockerfilePath}\" must be a relative path to a file inside the context");
        }

        return cleaned;
    }

    private static void EnsureDockerfilePresent(IReadOnlyList<ContextEntry> selected, string dockerfile, string asGiven)
    {
        var present = selected.Any(e => e.Path == dockerfile && e.Kind is ContextEntryKind.File or ContextEntryKind.Symlink);
        if (!present)
        {
            throw new InvalidContextException($"build.dockerfile: \"{asGiven}\" not found in the context");
        }
    }
}
