namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Turns every entry found (walked or read from an archive) into the entries to send: those
/// .dockerignore keeps, plus every directory above them (a kept file in an excluded directory
/// brings its parents along, as BuildKit does), sorted by path so the tar is deterministic.
/// </summary>
internal static class ContextSelector
{
    public static IReadOnlyList<ContextEntry> Select(IEnumerable<ContextEntry> found, DockerIgnore ignore)
    {
        var byPath = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
        foreach (var entry in found)
        {
            byPath[entry.Path] = entry; // a later entry for the same path replaces the earlier one, as tar extraction does
        }

        var selected = new Dictionary<string, ContextEntry>(StringComparer.Ordinal);
        foreach (var entry in byPath.Values)
        {
            if (ignore.IsExcluded(entry.Path))
            {
                continue;
            }

            if (entry.Kind == ContextEntryKind.Symlink)
            {
                LinkRules.EnsureSymlinkAllowed(entry.Path, entry.LinkTarget!);
            }

            selected[entry.Path] = entry;
            AddParents(entry.Path, byPath, selected);
        }

        var sorted = selected.Values.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return sorted;
    }

    private static void AddParents(string path, Dictionary<string, ContextEntry> byPath, Dictionary<string, ContextEntry> selected)
    {
        foreach (var ancestor in ContextPath.Ancestors(path))
        {
            if (byPath.TryGetValue(ancestor, out var existing) && existing.Kind != ContextEntryKind.Directory)
            {
                throw new InvalidContextException(
                    $"context: entry \"{path}\": its parent \"{ancestor}\" is a {existing.Kind.ToString().ToLowerInvariant()}, not a directory");
            }

            if (selected.ContainsKey(ancestor))
            {
                break; // its own ancestors were added (and checked) with it
            }

            selected[ancestor] = existing ?? new ContextEntry(ancestor, ContextEntryKind.Directory, ContextEntry.ImpliedDirectoryMode);
        }
    }
}
