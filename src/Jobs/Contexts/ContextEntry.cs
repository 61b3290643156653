namespace Dockhand.Jobs.Contexts;

internal enum ContextEntryKind
{
    Directory,
    File,
    Symlink,
}

/// <summary>
/// One entry of a context before it is written: a cleaned relative path, its kind, its
/// permission bits and, for a file, how to open its content (a stream of fixed, seekable length).
/// </summary>
internal sealed record ContextEntry(string Path, ContextEntryKind Kind, UnixFileMode Mode, string? LinkTarget = null, Func<Stream>? OpenContent = null)
{
    /// <summary>Mode for a directory the archive implies but does not list (a parent of a kept file).</summary>
    public const UnixFileMode ImpliedDirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Symlinks carry no permissions of their own on Linux; a fixed mode keeps the tar deterministic.</summary>
    public const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;
}
