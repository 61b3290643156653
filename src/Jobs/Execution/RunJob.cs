using System.ComponentModel;
using Hangfire;
using Hangfire.Server;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// The Hangfire job of a run. Its only argument is the run id: the spec and any secret stay in
/// Dockhand's tables and configuration, never in Hangfire's job data. One performance is one attempt.
/// </summary>
public sealed class RunJob(AttemptRunner attempts)
{
    /// <param name="runId">The run to attempt.</param>
    /// <param name="context">Supplied by Hangfire (pass null when enqueueing).</param>
    /// <param name="cancellationToken">Fires on shutdown and when the job is deleted in the dashboard.</param>
    [AutomaticRetry(Attempts = 0, LogEvents = false)] // DockhandRetryFilter decides, from the spec's rules; the attempt logs its own outcome
    [DisplayName("Dockhand run {0}")]
    public Task ExecuteAsync(Guid runId, PerformContext? context, CancellationToken cancellationToken) =>
        attempts.RunAsync(runId, context?.BackgroundJob.Id, cancellationToken);
}
