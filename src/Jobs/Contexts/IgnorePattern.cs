using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// One cleaned .dockerignore pattern, compiled to an anchored regular expression with the
/// semantics of moby/patternmatcher: <c>*</c> and <c>?</c> stay within one path segment,
/// <c>[...]</c> is a character class (<c>^</c> negates, <c>\</c> escapes), <c>**</c> crosses
/// segments (<c>**/</c> also matches zero segments, a trailing <c>**</c> matches anything below),
/// <c>\</c> escapes the next character.
/// </summary>
internal sealed class IgnorePattern
{
    private readonly Regex _regex;

    private IgnorePattern(string text, bool isException, Regex regex)
    {
        Text = text;
        IsException = isException;
        _regex = regex;
        HasWildcards = text.AsSpan().IndexOfAny("*?[\\") >= 0;
    }

    /// <summary>The cleaned pattern, without its leading <c>!</c>.</summary>
    public string Text { get; }

    /// <summary>A <c>!</c> pattern: a path it matches is put back into the context.</summary>
    public bool IsException { get; }

    /// <summary>Whether the pattern can match more than the one literal path it spells.</summary>
    public bool HasWildcards { get; }

    /// <summary>Matches the path itself, not its ancestors (see <see cref="DockerIgnore"/> for those).</summary>
    public bool Matches(string cleanedPath) => _regex.IsMatch(cleanedPath);

    /// <summary>Compiles a cleaned pattern; the error message says what is wrong with it.</summary>
    public static bool TryCompile(string text, bool isException, out IgnorePattern? pattern, out string? error)
    {
        pattern = null;
        if (!TryTranslate(text, out var regex, out error))
        {
            return false;
        }

        // NonBacktracking: a pattern full of ** must not turn a long path into exponential work.
        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        pattern = new IgnorePattern(text, isException, new Regex(regex, options));
        return true;
    }

    private static bool TryTranslate(string pattern, out string regex, out string? error)
    {
        var sb = new StringBuilder("^");
        error = null;
        regex = string.Empty;
        var i = 0;
        while (i < pattern.Length)
        {
            var ch = pattern[i++];
            switch (ch)
            {
                case '*' when i < pattern.Length && pattern[i] == '*':
                    i++;
                    if (i < pattern.Length && pattern[i] == '/')
                    {
                        i++; // "**/" is read as "**": it may also match zero segments.
                    }

                    sb.Append(i == pattern.Length ? ".*" : "(.*/)?");
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '\\':
                    if (i == pattern.Length)
                    {
                        error = "a trailing \\ escapes nothing";
                        return false;
                    }

                    sb.Append(Regex.Escape(pattern[i++].ToString()));
                    break;
                case '[':
                    if (!TryTranslateClass(pattern, ref i, sb, out error))
                    {
                        return false;
                    }

                    break;
                default:
                    sb.Append(Regex.Escape(ch.ToString()));
                    break;
            }
        }

        sb.Append('$');
        regex = sb.ToString();
        return true;
    }

    /// <summary>
    /// A class as Go's filepath.Match reads it: <c>[</c>, optional <c>^</c>, then one or more
    /// characters or <c>lo-hi</c> ranges (<c>\</c> escapes; an unescaped <c>-</c> or <c>]</c> cannot
    /// start a range), then <c>]</c>. Every character is emitted as <c>\uXXXX</c> so nothing in the
    /// class is read as .NET regex syntax.
    /// </summary>
    private static bool TryTranslateClass(string pattern, ref int i, StringBuilder sb, out string? error)
    {
        error = "an unclosed or malformed [...] class";
        sb.Append('[');
        if (i < pattern.Length && pattern[i] == '^')
        {
            sb.Append('^');
            i++;
        }

        var ranges = 0;
        while (true)
        {
            if (i >= pattern.Length)
            {
                return false;
            }

            if (pattern[i] == ']' && ranges > 0)
            {
                i++;
                sb.Append(']');
                error = null;
                return true;
            }

            if (!TryReadClassChar(pattern, ref i, out var lo))
            {
                return false;
            }

            AppendClassChar(sb, lo);
            if (i < pattern.Length && pattern[i] == '-')
            {
                i++;
                if (!TryReadClassChar(pattern, ref i, out var hi) || hi < lo)
                {
                    return false;
                }

                sb.Append('-');
                AppendClassChar(sb, hi);
            }

            ranges++;
        }
    }

    private static bool TryReadClassChar(string pattern, ref int i, out char ch)
    {
        ch = '\0';
        if (i >= pattern.Length || pattern[i] == '-' || pattern[i] == ']')
        {
            return false;
        }

        if (pattern[i] == '\\')
        {
            i++;
            if (i >= pattern.Length)
            {
                return false;
            }
        }

        ch = pattern[i++];
        return true;
    }

    private static void AppendClassChar(StringBuilder sb, char ch) =>
        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
}
