using System.Globalization;

namespace Dockhand.Jobs.Specs;

/// <summary>Readers that also check the range a spec allows, so each section states its bounds in one line.</summary>
internal static class SpecObjectChecks
{
    /// <summary>A timeout or backoff: more than zero, at most <see cref="SpecDuration.Max"/>.</summary>
    public static TimeSpan? PositiveDuration(this SpecObject obj, string name)
    {
        if (obj.Duration(name) is not { } duration)
        {
            return null;
        }

        if (!obj.Reader.Check(duration > TimeSpan.Zero, obj.PathOf(name), "must be positive")
            || !obj.Reader.Check(duration <= SpecDuration.Max, obj.PathOf(name),
                $"{SpecDuration.Format(duration)} is longer than the limit of {SpecDuration.Format(SpecDuration.Max)}"))
        {
            return null;
        }

        return duration;
    }

    public static long? IntegerBetween(this SpecObject obj, string name, long min, long max) =>
        obj.Integer(name) is { } value && InRange(obj.Reader, value, obj.PathOf(name), min, max) ? value : null;

    public static bool InRange(SpecReader reader, long value, string path, long min, long max) =>
        reader.Check(value >= min && value <= max, path,
            string.Create(CultureInfo.InvariantCulture, $"{value} is out of range: must be between {min} and {max}"));

    /// <summary>Exit codes: a non-empty list, each 0..255 (what a process can return on Linux).</summary>
    public static IReadOnlyList<int>? ExitCodes(this SpecObject obj, string name)
    {
        if (obj.Integers(name) is not { } codes)
        {
            return null;
        }

        if (!obj.Reader.Check(codes.Count > 0, obj.PathOf(name), "must list at least one exit code"))
        {
            return null;
        }

        var allGood = true;
        for (var i = 0; i < codes.Count; i++)
        {
            allGood &= InRange(obj.Reader, codes[i], SpecPath.Index(obj.PathOf(name), i), 0, 255);
        }

        return allGood ? codes.Select(c => (int)c).ToList() : null;
    }

    /// <summary>A map whose keys must be variable names (env, build args).</summary>
    public static IReadOnlyDictionary<string, string>? VariableMap(this SpecObject obj, string name)
    {
        if (obj.StringMap(name) is not { } map)
        {
            return null;
        }

        var allGood = true;
        foreach (var key in map.Keys)
        {
            allGood &= obj.Reader.Check(SpecRules.EnvName().IsMatch(key), SpecPath.Key(obj.PathOf(name), key),
                $"{SpecReader.Quote(key)} {SpecRules.EnvNameRule}");
        }

        return allGood ? map : null;
    }
}
