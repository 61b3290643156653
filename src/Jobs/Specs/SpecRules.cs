using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Specs;

/// <summary>The name rules a spec's values follow, one place each, with the wording errors use.</summary>
internal static partial class SpecRules
{
    public const int MaxNameLength = 100;
    public const int MaxLabelKeyLength = 100;
    public const string ReservedLabelPrefix = "io.dockhand.";

    public const string EnvNameRule = "is not a variable name (letters, digits and _, not starting with a digit)";

    /// <summary>Environment variables and build args: what a shell can reference as <c>$NAME</c>.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex EnvName();

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex JobName();

    /// <summary>Hangfire queue names: lowercase letters, digits, underscores and dashes only.</summary>
    [GeneratedRegex("^[a-z0-9_-]{1,20}$", RegexOptions.CultureInvariant)]
    public static partial Regex Queue();

    /// <summary>A user-defined Docker network (Docker's own rule for network names).</summary>
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex NetworkName();

    /// <summary>A Dockerfile stage name (<c>FROM image AS name</c>).</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex StageName();

    /// <summary><c>user</c>, <c>uid</c>, <c>user:group</c> or <c>uid:gid</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]+(?::[A-Za-z0-9._-]+)?$", RegexOptions.CultureInvariant)]
    public static partial Regex User();
}
