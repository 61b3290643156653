using Dockhand.Jobs.Engine;
using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Specs;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// One attempt of a run, start to stored outcome: claim the run (fenced), get the image, run the
/// container, classify how it ended, let the retry policy decide, store it all. A failed
/// attempt ends by throwing <see cref="AttemptFailedException"/> so Hangfire's state follows.
/// </summary>
public sealed partial class AttemptRunner(
    RunStore runs,
    LogStore logs,
    ImageProvider images,
    ContainerRunner containers,
    JobStorage hangfire,
    IOptions<WorkerOptions> worker,
    IOptions<LogOptions> logOptions,
    ILogger<AttemptRunner> logger)
{
    /// <summary>Final writes get their own deadline: the job's token may have fired already.</summary>
    private static readonly TimeSpan RecordingDeadline = TimeSpan.FromSeconds(30);

    public async Task RunAsync(Guid runId, string? hangfireJobId, CancellationToken cancellationToken)
    {
        try
        {
            await AttemptRunAsync(runId, hangfireJobId, cancellationToken);
        }
        catch (StaleAttemptException e)
        {
            // A newer attempt owns the run (this performance outlived its claim): it records the
            // outcome, so this one ends without retrying or overwriting anything.
            LogStale(runId, e.Message);
        }
    }

    private async Task AttemptRunAsync(Guid runId, string? hangfireJobId, CancellationToken cancellationToken)
    {
        var lease = await runs.BeginAttemptAsync(runId, worker.Value.Node, cancellationToken);
        if (lease is null)
        {
            LogNothingToDo(runId);
            return;
        }
        LogAttemptStarted(runId, lease.Number, lease.Node);

        AttemptEnding ending;
        await using (var log = new AttemptLog(logs, lease, logOptions.Value))
        {
            try
            {
                await log.WriteSystemLineAsync($"attempt {lease.Number} on {lease.Node}", cancellationToken);
                ending = await AttemptAsync(lease, log, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ending = new AttemptEnding(WasDeleted(hangfireJobId)
                    ? new AttemptOutcome(AttemptStatus.Cancelled, null, false, null, "cancelled: the job was deleted", false, RunStatus.Cancelled)
                    : new AttemptOutcome(AttemptStatus.Interrupted, null, false, FailureClass.Infra, "interrupted: the worker is shutting down; the job runs again", false, RunStatus.Queued), null);
            }
            using var deadline = new CancellationTokenSource(RecordingDeadline);
            await log.WriteSystemLineAsync(ending.Describe(), deadline.Token);
            await log.FlushAsync(deadline.Token);
            await runs.RecordLogVolumeAsync(lease, log.TotalBytes, log.Truncated, deadline.Token);
            await runs.CompleteAttemptAsync(lease, ending.Outcome, deadline.Token);
        }
        LogAttemptEnded(runId, lease.Number, ending.Outcome.Status, ending.Outcome.ExitCode, ending.Outcome.FailureMessage);

        cancellationToken.ThrowIfCancellationRequested();
        if (ending is { Outcome.FailureClass: { } failure, Decision: { } decision })
        {
            throw new AttemptFailedException(runId, lease.Number, failure, ending.Outcome.FailureMessage ?? "", decision);
        }
    }

    private async Task<AttemptEnding> AttemptAsync(AttemptLease lease, AttemptLog log, CancellationToken cancellationToken)
    {
        ContainerResult result;
        try
        {
            await runs.MarkImageStartedAsync(lease, cancellationToken);
            var image = await images.PrepareAsync(lease, log, cancellationToken);
            await runs.MarkImageFinishedAsync(lease, image, cancellationToken);
            result = await containers.RunAsync(lease, image, log, cancellationToken);
        }
        catch (BuildFailedException e)
        {
            return Failed(lease, FailureClass.Build, null, false, e.Message);
        }
        catch (PullFailedException e)
        {
            return Failed(lease, FailureClass.Pull, null, false, e.Message);
        }
        catch (ContainerCreateFailedException e)
        {
            return Failed(lease, FailureClass.App, null, false, e.Message, retryable: false);
        }
        catch (PolicyViolationException e)
        {
            return Failed(lease, FailureClass.App, null, false, e.Message, retryable: false);
        }
        catch (EngineUnavailableException e)
        {
            return Failed(lease, FailureClass.Infra, null, false, e.Message);
        }

        var exitCode = (int)result.ExitCode;
        if (result.OomKilled)
        {
            return Failed(lease, FailureClass.Resource, exitCode, true, $"out of memory: killed at the limit of {lease.Spec.Run.Resources.MemoryBytes} bytes (run.resources.memory)");
        }
        if (result.TimedOut)
        {
            return Failed(lease, FailureClass.Resource, exitCode, false, $"timed out after {lease.Spec.Run.Timeout:c} (run.timeout)");
        }
        if (!lease.Spec.Run.SuccessExitCodes.Contains(exitCode))
        {
            return Failed(lease, FailureClass.App, exitCode, false, $"exit code {exitCode} is not a success code ({string.Join(", ", lease.Spec.Run.SuccessExitCodes)})");
        }
        return new AttemptEnding(new AttemptOutcome(AttemptStatus.Succeeded, exitCode, false, null, null, true, RunStatus.Succeeded), null);
    }

    private static AttemptEnding Failed(AttemptLease lease, FailureClass failure, int? exitCode, bool oom, string message, bool retryable = true)
    {
        var decision = retryable
            ? RetryPolicy.Decide(lease.Spec.Retry, failure, exitCode, lease.Number, lease.AttemptsUsedBefore, Random.Shared.NextDouble)
            : RetryDecision.Fail(true, "retrying cannot change this");
        var outcome = new AttemptOutcome(AttemptStatus.Failed, exitCode, oom, failure, message, decision.CountsAgainstAttempts,
            decision.Retry ? RunStatus.Retrying : RunStatus.Failed);
        return new AttemptEnding(outcome, decision);
    }

    /// <summary>Tells a job deleted in the dashboard (a cancellation) from a worker shutting down (an interruption).</summary>
    private bool WasDeleted(string? hangfireJobId)
    {
        if (hangfireJobId is null)
        {
            return false;
        }
        using var connection = hangfire.GetConnection();
        return connection.GetStateData(hangfireJobId)?.Name == Hangfire.States.DeletedState.StateName;
    }

    private sealed record AttemptEnding(AttemptOutcome Outcome, RetryDecision? Decision)
    {
        public string Describe() => Outcome.Status switch
        {
            AttemptStatus.Succeeded => $"succeeded with exit code {Outcome.ExitCode}",
            AttemptStatus.Failed => $"failed ({Outcome.FailureClass?.ToString().ToLowerInvariant()}): {Outcome.FailureMessage}. {Decision?.Reason}",
            _ => Outcome.FailureMessage ?? Outcome.Status.ToString(),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Reason}; this attempt ends without recording")]
    private partial void LogStale(Guid runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: final or unknown, nothing to attempt")]
    private partial void LogNothingToDo(Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: attempt {Attempt} started on {Node}")]
    private partial void LogAttemptStarted(Guid runId, int attempt, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: attempt {Attempt} ended {Status} (exit code {ExitCode}) {Failure}")]
    private partial void LogAttemptEnded(Guid runId, int attempt, AttemptStatus status, int? exitCode, string? failure);
}
