using Dockhand.Jobs.Specs;

namespace Dockhand.Jobs.Runs;

/// <summary>Where a run is in its life. Succeeded, Failed and Cancelled are final.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Cancelled,
}

public enum AttemptStatus
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// <summary>The worker went away mid-attempt (crash, shutdown); Hangfire runs the job again.</summary>
    Interrupted,
}

/// <summary>Which log a chunk belongs to: the image build, the container's two streams, or Dockhand's own notes.</summary>
public enum LogStream
{
    Build,
    Stdout,
    Stderr,
    System,
}

public sealed record RunRecord(
    Guid Id,
    string? Name,
    string Queue,
    JobSpec Spec,
    string? ContextDigest,
    RunStatus Status,
    string? HangfireJobId,
    int AttemptsUsed,
    int? ExitCode,
    FailureClass? FailureClass,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<AttemptRecord> Attempts)
{
    public bool IsFinished => IsFinal(Status);

    public static bool IsFinal(RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
}

public sealed record AttemptRecord(
    int Number,
    AttemptStatus Status,
    string Node,
    string? ContainerId,
    string? Image,
    int? ExitCode,
    bool OomKilled,
    FailureClass? FailureClass,
    string? FailureMessage,
    long LogBytes,
    bool LogTruncated,
    DateTimeOffset StartedAt,
    DateTimeOffset? ImageStartedAt,
    DateTimeOffset? ImageFinishedAt,
    DateTimeOffset? RunStartedAt,
    DateTimeOffset? RunFinishedAt,
    DateTimeOffset? FinishedAt);

public sealed record LogEntry(long Position, int Attempt, LogStream Stream, DateTimeOffset At, string Text);

public sealed record LogPage(IReadOnlyList<LogEntry> Entries, long Next);

/// <summary>The claim one attempt holds on its run. Every write of a result carries the fence:
/// when a newer attempt has started since, the write is refused.</summary>
public sealed record AttemptLease(Guid RunId, int Number, long Fence, string Node, JobSpec Spec, string? ContextDigest, int AttemptsUsedBefore);

/// <summary>How an attempt ended, and what happens next.</summary>
public sealed record AttemptOutcome(
    AttemptStatus Status,
    int? ExitCode,
    bool OomKilled,
    FailureClass? FailureClass,
    string? FailureMessage,
    bool CountsAgainstAttempts,
    RunStatus NextRunStatus);

/// <summary>A newer attempt owns the run: this attempt's results are refused.</summary>
public sealed class StaleAttemptException(Guid runId, int attempt)
    : Exception($"run {runId}: attempt {attempt} is stale; a newer attempt owns the run");
