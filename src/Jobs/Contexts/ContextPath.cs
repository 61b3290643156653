namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Slash-separated relative paths inside a context, cleaned the way Go's <c>path.Clean</c> does
/// (docker's reference code cleans both .dockerignore patterns and entry names this way).
/// </summary>
internal static class ContextPath
{
    /// <summary>Go <c>path.Clean</c>: collapses slashes, drops <c>.</c>, resolves <c>..</c> lexically, no trailing slash; empty becomes <c>.</c>.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var kept = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..")
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else if (!rooted)
                {
                    // A relative path keeps leading ".." (it escapes); a rooted one cannot go above "/".
                    kept.Add(part);
                }

                continue;
            }

            kept.Add(part);
        }

        var joined = string.Join('/', kept);
        if (rooted)
        {
            return "/" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>True for a cleaned relative path that climbs above its root (<c>..</c> or <c>../x</c>).</summary>
    public static bool Escapes(string cleaned) => cleaned == ".." || cleaned.StartsWith("../", StringComparison.Ordinal);

    /// <summary>The parent of a cleaned relative path, or null for a top-level name.</summary>
    public static string? Parent(string cleaned)
    {
        var slash = cleaned.LastIndexOf('/');
        return slash < 0 ? null : cleaned[..slash];
    }

    /// <summary>Ancestors from the nearest (<c>a/b</c> for <c>a/b/c</c>) to the top (<c>a</c>).</summary>
    public static IEnumerable<string> Ancestors(string cleaned)
    {
        for (var parent = Parent(cleaned); parent is not null; parent = Parent(parent))
        {
            yield return parent;
        }
    }

    /// <summary>
    /// The name of an entry in an uploaded archive as a cleaned relative path, or null for the root
    /// itself (<c>.</c>, <c>./</c>). Absolute names and names climbing above the root are refused:
    /// an extractor would write them outside the context.
    /// </summary>
    public static string? FromArchiveEntryName(string name)
    {
        if (name.StartsWith('/'))
        {
            throw new InvalidContextException($"context: entry \"{name}\": absolute paths are not allowed in a build context");
        }

        var cleaned = Clean(name);
        if (Escapes(cleaned))
        {
            throw new InvalidContextException($"context: entry \"{name}\": the path climbs above the context root");
        }

        return cleaned == "." ? null : cleaned;
    }
}
