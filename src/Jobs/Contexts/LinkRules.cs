namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Which symlinks a context may carry. The same rule holds for a packed directory and for an
/// uploaded archive, so a context the CLI packs is always one the API accepts.
/// <list type="bullet">
/// <item>A relative target is resolved lexically from the link's own directory and must stay
/// inside the context root: <c>a/link -> ../../x</c> is refused, <c>a/b/link -> ../x</c> is fine.
/// Docker itself sends such links as-is, but one that climbs out of the context dangles or
/// points at whatever happens to sit above the copy destination, which is almost always a
/// mistake, and refusing it lets uploads be checked by one plain rule.</item>
/// <item>An absolute target is kept as-is: both the builder (when it follows a link in the
/// context) and the image resolve it inside their own root, never on the host that packs or
/// stores the context, and rootfs-like contexts use such links legitimately.</item>
/// </list>
/// Links are never followed while packing: the link itself is sent.
/// </summary>
internal static class LinkRules
{
    public static void EnsureSymlinkAllowed(string path, string target)
    {
        if (target.Length == 0)
        {
            throw new InvalidContextException($"context: entry \"{path}\": symlink has an empty target");
        }

        if (target.StartsWith('/'))
        {
            return;
        }

        var parent = ContextPath.Parent(path);
        var resolved = ContextPath.Clean(parent is null ? target : parent + "/" + target);
        if (ContextPath.Escapes(resolved))
        {
            throw new InvalidContextException(
                $"context: entry \"{path}\": symlink target \"{target}\" escapes the context root");
        }
    }
}
