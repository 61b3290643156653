using System.Globalization;

namespace Dockhand.Bench;

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Describe(IReadOnlyList<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Median(values),7:F1} ms   p90 {Percentile(values, 0.9),7:F1} ms   max {values.Max(),7:F1} ms");
}
