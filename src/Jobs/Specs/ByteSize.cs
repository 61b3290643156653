using System.Globalization;
using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Sizes as people write them: <c>512Mi</c>, <c>1Gi</c> (binary: Ki, Mi, Gi, Ti), <c>64M</c>, <c>1G</c>,
/// <c>1024k</c> (decimal: k, M, G, T), or a plain number of bytes. Suffixes are case-sensitive on
/// purpose: Docker's CLI reads <c>512m</c> as mebibytes and Kubernetes as milli-bytes, so a lowercase
/// <c>m</c> or <c>g</c> is refused instead of guessed.
/// </summary>
public static partial class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("k", 1_000L), ("M", 1_000_000L), ("G", 1_000_000_000L), ("T", 1_000_000_000_000L),
    ];

    /// <summary>Reads a size; a fraction is allowed with a suffix (<c>1.5Gi</c>) and rounds down to whole bytes.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var match = SizePattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = match.Groups["number"].Value;
        var suffix = match.Groups["suffix"].Value;
        if (suffix.Length == 0)
        {
            // Plain bytes must be whole: "1.5" bytes means nothing.
            return !number.Contains('.', StringComparison.Ordinal)
                && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out bytes);
        }

        var factor = Units.First(u => u.Suffix == suffix).Factor;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            bytes = (long)decimal.Floor(value * factor);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The shortest exact form for people: <c>512Mi</c>, <c>1Gi</c>, <c>64M</c>, else plain bytes.</summary>
    public static string Format(long bytes)
    {
        if (bytes != 0)
        {
            foreach (var (suffix, factor) in Units.OrderByDescending(u => u.Factor))
            {
                if (bytes % factor == 0)
                {
                    return (bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
                }
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<number>[0-9]{1,19}(?:\.[0-9]{1,9})?)(?<suffix>Ki|Mi|Gi|Ti|k|M|G|T)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
