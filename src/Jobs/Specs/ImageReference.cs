using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Syntax check of a Docker image reference, after the grammar of distribution/reference:
/// <c>[registry[:port]/]path[/path...][:tag][@algorithm:hex]</c> with a lowercase repository path.
/// It catches typos before a worker tries to pull; whether the image exists is the pull's business.
/// </summary>
internal static partial class ImageReference
{
    // A name is at most 255 characters, a tag 128, a sha512 digest about 135: beyond that it is no reference.
    private const int MaxLength = 530;

    /// <summary>Null when <paramref name="reference"/> reads as an image reference, else what is wrong with it.</summary>
    public static string? Problem(string reference)
    {
        if (reference.Length == 0)
        {
            return "must not be empty";
        }

        var quoted = SpecReader.Quote(reference);
        if (reference.Length > MaxLength || !Pattern().IsMatch(reference))
        {
            return reference.Length <= MaxLength && Pattern().IsMatch(reference.ToLowerInvariant())
                ? $"{quoted} is not a valid image reference: the repository name must be lowercase"
                : $"{quoted} is not an image reference like \"registry.example/app:1.2\"";
        }

        var name = reference.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var lastColon = name.LastIndexOf(':');
        var repository = lastColon > lastSlash ? name[..lastColon] : name;
        return repository.Length > 255 ? $"{quoted} has a repository name longer than 255 characters" : null;
    }

    [GeneratedRegex(
        """
        ^
        (?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?
        [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*
        (?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*
        (?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?
        (?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?
        $
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
