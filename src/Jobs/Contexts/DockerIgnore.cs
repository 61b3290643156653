namespace Dockhand.Jobs.Contexts;

/// <summary>
/// The rules of a .dockerignore file, read the way the docker CLI reads them
/// (moby/patternmatcher's ignorefile and matcher):
/// <list type="bullet">
/// <item>a line whose first character is <c>#</c> is a comment; blank lines are skipped;
/// surrounding whitespace is trimmed (also after a leading <c>!</c>);</item>
/// <item>each pattern is cleaned like Go's <c>path.Clean</c> and a leading <c>/</c> is dropped,
/// so <c>/build/</c> and <c>build</c> mean the same;</item>
/// <item>a pattern matching a directory matches everything below it;</item>
/// <item>the LAST pattern that matches a path (or one of its ancestors) decides: a plain pattern
/// excludes, a <c>!</c> pattern puts back.</item>
/// </list>
/// The Dockerfile and .dockerignore themselves are always kept, as the CLI re-adds them.
/// </summary>
internal sealed class DockerIgnore
{
    public const string FileName = ".dockerignore";

    private readonly IReadOnlyList<IgnorePattern> _patterns;
    private readonly HashSet<string> _kept;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns, HashSet<string> kept)
    {
        _patterns = patterns;
        _kept = kept;
    }

    public static DockerIgnore Empty { get; } = new([], new HashSet<string>(StringComparer.Ordinal));

    public IReadOnlyList<IgnorePattern> Patterns => _patterns;

    /// <summary>Reads .dockerignore text; a bad line fails with its line number and the rule.</summary>
    public static DockerIgnore Parse(string text)
    {
        var patterns = new List<IgnorePattern>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = index == 0 ? lines[0].TrimStart('\uFEFF') : lines[index];
            if (line.StartsWith('#'))
            {
                continue;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var isException = line[0] == '!';
            if (isException)
            {
                line = line[1..].Trim();
                if (line.Length == 0)
                {
                    throw Invalid(index, "a lone \"!\" excludes nothing: an exception needs a pattern after it");
                }
            }

            var cleaned = ContextPath.Clean(line);
            if (cleaned.Length > 1 && cleaned[0] == '/')
            {
                cleaned = cleaned[1..];
            }

            if (!IgnorePattern.TryCompile(cleaned, isException, out var pattern, out var error))
            {
                throw Invalid(index, $"pattern \"{line}\": {error}");
            }

            patterns.Add(pattern!);
        }

        return new DockerIgnore(patterns, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// The same rules, except that the Dockerfile (a cleaned relative path) and .dockerignore are
    /// never excluded: the docker CLI adds exceptions for them, as the daemon needs both.
    /// </summary>
    public DockerIgnore KeepingBuildFiles(string? dockerfilePath)
    {
        var kept = new HashSet<string>(_kept, StringComparer.Ordinal) { FileName };
        if (dockerfilePath is not null)
        {
            kept.Add(dockerfilePath);
        }

        return new DockerIgnore(_patterns, kept);
    }

    /// <summary>
    /// Whether a cleaned relative path stays out of the context. For a directory, true means the
    /// directory is not sent for its own sake; something inside may still be (see <see cref="MayKeepSomethingInside"/>).
    /// </summary>
    public bool IsExcluded(string path)
    {
        if (_kept.Contains(path))
        {
            return false;
        }

        for (var i = _patterns.Count - 1; i >= 0; i--)
        {
            var pattern = _patterns[i];
            if (MatchesSelfOrAncestor(pattern, path))
            {
                return !pattern.IsException;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a walk must look inside an excluded directory, because something below it could be
    /// kept: a kept build file below it, or an exception that could match below it. Like
    /// BuildKit, any exception with wildcards forces the walk; a literal exception forces it
    /// only when it names something below the directory. Without exceptions, the whole
    /// directory is skipped.
    /// </summary>
    public bool MayKeepSomethingInside(string excludedDirectory)
    {
        var prefix = excludedDirectory + "/";
        foreach (var kept in _kept)
        {
            if (kept.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var pattern in _patterns)
        {
            if (pattern.IsException && (pattern.HasWildcards || (pattern.Text + "/").StartsWith(prefix, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesSelfOrAncestor(IgnorePattern pattern, string path)
    {
        if (pattern.Matches(path))
        {
            return true;
        }

        foreach (var ancestor in ContextPath.Ancestors(path))
        {
            if (pattern.Matches(ancestor))
            {
                return true;
            }
        }

        return false;
    }

    private static InvalidContextException Invalid(int index, string rule) =>
        new($"{FileName}: line {index + 1}: {rule}");
}
