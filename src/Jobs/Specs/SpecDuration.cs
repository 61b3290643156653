using System.Globalization;
using System.Text.RegularExpressions;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Durations in a spec: <c>"hh:mm:ss"</c> with optional days and fraction (TimeSpan's <c>"c"</c>
/// format, <c>"1.00:00:00"</c>, <c>"00:00:00.5"</c>), hours past 23 (<c>"24:00:00"</c>, which <c>"c"</c>
/// alone refuses but people write), or a JSON number of seconds.
/// </summary>
internal static partial class SpecDuration
{
    /// <summary>Upper bound for every timeout and backoff in a spec.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(24);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        long Part(string name) => match.Groups[name].Success
            ? long.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

        var fraction = match.Groups["fraction"].Value.PadRight(7, '0');
        var ticks = (Part("days") * 86_400L + Part("hours") * 3_600L + Part("minutes") * 60L + Part("seconds"))
            * TimeSpan.TicksPerSecond
            + long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        duration = TimeSpan.FromTicks(match.Groups["negative"].Success ? -ticks : ticks);
        return true;
    }

    public static bool TryFromSeconds(double seconds, out TimeSpan duration)
    {
        duration = default;
        // Past 100 years a number of seconds is a mistake, and TimeSpan would overflow far beyond.
        if (double.IsNaN(seconds) || Math.Abs(seconds) > 3_155_760_000d)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>The canonical form stored with a run: TimeSpan's <c>"c"</c> format (<c>00:10:00</c>, <c>1.00:00:00</c>).</summary>
    public static string Format(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<negative>-)?(?:(?<days>[0-9]{1,5})\.)?(?<hours>[0-9]{1,5}):(?<minutes>[0-5]?[0-9]):(?<seconds>[0-5]?[0-9])(?:\.(?<fraction>[0-9]{1,7}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
