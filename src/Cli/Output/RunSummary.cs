using System.Globalization;
using Dockhand.Cli.Api;

namespace Dockhand.Cli.Output;

/// <summary>The human form of a run for <c>dockhand status</c>: the run, then one line per attempt.</summary>
internal static class RunSummary
{
    public static void Write(RunView run, TextWriter output)
    {
        output.WriteLine($"run       {run.Id}");
        if (run.Name is { Length: > 0 } name) output.WriteLine($"name      {name}");
        output.WriteLine($"status    {run.Status}{ExitSuffix(run.ExitCode)}");
        output.WriteLine($"queue     {run.Queue}");
        output.WriteLine($"created   {Durations.Timestamp(run.CreatedAt)}");
        if (run.FinishedAt is { } finished)
            output.WriteLine($"finished  {Durations.Timestamp(finished)} (after {Durations.Format(finished - run.CreatedAt)})");
        if (Failure(run.FailureClass, run.FailureMessage) is { } failure)
            output.WriteLine($"failure   {failure}");

        if (run.Attempts.Count == 0)
        {
            output.WriteLine("attempts  none yet");
            return;
        }
        output.WriteLine("attempts");
        foreach (var attempt in run.Attempts) output.WriteLine("  " + AttemptLine(attempt));
    }

    /// <summary>One line for the end of <c>submit --wait</c>: <c>run ID Failed (exit 3): app: ...</c>.</summary>
    public static string Outcome(RunView run)
    {
        var failure = Failure(run.FailureClass, run.FailureMessage);
        return $"run {run.Id} {run.Status}{ExitSuffix(run.ExitCode)}{(failure is null ? "" : ": " + failure)}";
    }

    internal static string AttemptLine(AttemptView attempt)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"#{attempt.Number}"),
            attempt.Status + ExitSuffix(attempt.ExitCode),
        };
        if (attempt.Node.Length > 0) parts.Add("on " + attempt.Node);
        parts.Add("started " + Durations.Timestamp(attempt.StartedAt));
        if (attempt.ImageStartedAt is not null) parts.Add("image " + Durations.Between(attempt.ImageStartedAt, attempt.ImageFinishedAt));
        if (attempt.RunStartedAt is not null) parts.Add("run " + Durations.Between(attempt.RunStartedAt, attempt.RunFinishedAt));
        if (attempt.FinishedAt is { } finished) parts.Add("total " + Durations.Format(finished - attempt.StartedAt));
        if (attempt.OomKilled) parts.Add("OOM-killed");
        if (attempt.LogTruncated) parts.Add("log truncated");
        if (Failure(attempt.FailureClass, attempt.FailureMessage) is { } failure) parts.Add("- " + failure);
        return string.Join("  ", parts);
    }

    private static string ExitSuffix(int? exitCode) =>
        exitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $" (exit {code})") : "";

    private static string? Failure(string? failureClass, string? message) => (failureClass, message) switch
    {
        ({ } c, { } m) => $"{c}: {m}",
        ({ } c, null) => c,
        (null, { } m) => m,
        _ => null,
    };
}
