namespace Dockhand.Cli.Api;

/// <summary>A run as <c>GET /api/runs/{id}</c> shows it. Statuses stay strings so a status added
/// on the server later does not break an older CLI.</summary>
internal sealed record RunView
{
    public Guid Id { get; init; }
    public string? Name { get; init; }
    public string Queue { get; init; } = "default";
    public string Status { get; init; } = "";
    public string? HangfireJobId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int? ExitCode { get; init; }
    public string? FailureClass { get; init; }
    public string? FailureMessage { get; init; }
    public IReadOnlyList<AttemptView> Attempts { get; init; } = [];

    public bool IsFinished => RunStatuses.IsTerminal(Status);
    public bool Succeeded => string.Equals(Status, RunStatuses.Succeeded, StringComparison.Ordinal);
}

internal sealed record AttemptView
{
    public int Number { get; init; }
    public string Status { get; init; } = "";
    public string Node { get; init; } = "";
    public string? ContainerId { get; init; }
    public int? ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public string? FailureClass { get; init; }
    public string? FailureMessage { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? ImageStartedAt { get; init; }
    public DateTimeOffset? ImageFinishedAt { get; init; }
    public DateTimeOffset? RunStartedAt { get; init; }
    public DateTimeOffset? RunFinishedAt { get; init; }
    public bool LogTruncated { get; init; }
}

internal static class RunStatuses
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";

    public static bool IsTerminal(string status) =>
        status is Succeeded or Failed or Cancelled;
}
