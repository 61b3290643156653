using Dockhand.Jobs.Runs;

namespace Dockhand.Dashboard.Api;

/// <summary>A run as the REST API shows it (camelCase JSON). Field names are a contract with the CLI: keep them stable.</summary>
internal sealed record RunView(
    Guid Id,
    string? Name,
    string Queue,
    string Status,
    string? HangfireJobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? FailureClass,
    string? FailureMessage,
    string? ContextDigest,
    IReadOnlyList<AttemptView> Attempts)
{
    public static RunView From(RunRecord run) => new(
        run.Id, run.Name, run.Queue, run.Status.ToString(), run.HangfireJobId, run.CreatedAt, run.StartedAt, run.FinishedAt,
        run.ExitCode, Lower(run.FailureClass), run.FailureMessage, run.ContextDigest,
        [.. run.Attempts.Select(AttemptView.From)]);

    internal static string? Lower<T>(T? value) where T : struct, Enum => value?.ToString().ToLowerInvariant();
}

internal sealed record AttemptView(
    int Number,
    string Status,
    string Node,
    string? ContainerId,
    string? Image,
    int? ExitCode,
    bool OomKilled,
    string? FailureClass,
    string? FailureMessage,
    long LogBytes,
    bool LogTruncated,
    DateTimeOffset StartedAt,
    DateTimeOffset? ImageStartedAt,
    DateTimeOffset? ImageFinishedAt,
    DateTimeOffset? RunStartedAt,
    DateTimeOffset? RunFinishedAt,
    DateTimeOffset? FinishedAt)
{
    public static AttemptView From(AttemptRecord a) => new(
        a.Number, a.Status.ToString(), a.Node, a.ContainerId, a.Image, a.ExitCode, a.OomKilled, RunView.Lower(a.FailureClass),
        a.FailureMessage, a.LogBytes, a.LogTruncated, a.StartedAt, a.ImageStartedAt, a.ImageFinishedAt, a.RunStartedAt,
        a.RunFinishedAt, a.FinishedAt);
}

internal sealed record LogEntryView(long Position, int Attempt, string Stream, DateTimeOffset At, string Text);

/// <summary>A page of log entries; pass <see cref="Next"/> as <c>after</c> to get what came since. <see cref="Finished"/>: the run is final and nothing follows.</summary>
internal sealed record LogPageView(Guid RunId, IReadOnlyList<LogEntryView> Entries, long Next, bool Finished);

internal sealed record FieldError(string Field, string Message);

/// <summary>RFC 7807 problem with the list of field errors the CLI prints one per line.</summary>
internal sealed record ValidationProblem(string Title, int Status, IReadOnlyList<FieldError> Errors, string? Detail = null, string Type = "https://dockhand.dev/problems/invalid-request");
