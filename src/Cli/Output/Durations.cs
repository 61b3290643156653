using System.Globalization;

namespace Dockhand.Cli.Output;

/// <summary>Short human forms of times and durations, culture-independent.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m {duration.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h {duration.Minutes:00}m"),
    };

    public static string Between(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Format(e - s) : "-";

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
