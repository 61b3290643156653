using System.Globalization;
using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Specs;

/// <summary>Builds the field paths that errors name: <c>run.resources.memory</c>, <c>retry.rules[1].action</c>, <c>labels["a.b"]</c>.</summary>
internal static partial class SpecPath
{
    public const string Root = "$";

    public static string Field(string parent, string name) => parent == Root ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Map entries read as fields when the key is a plain identifier, else in brackets so a dotted key cannot pass for nesting.</summary>
    public static string Key(string parent, string key) =>
        PlainKey().IsMatch(key) ? Field(parent, key) : $"{parent}[\"{key}\"]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainKey();
}
