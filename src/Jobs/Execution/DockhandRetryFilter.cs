using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Replaces Hangfire's AutomaticRetry for Dockhand's jobs: the attempt itself decided from the
/// spec's retry rules (see <see cref="RetryPolicy"/>) and stored the decision; this filter makes
/// Hangfire's state say the same, Scheduled for the next attempt or Failed, so the stock
/// dashboard shows the truth. A failure outside an attempt's own handling (the database away
/// before the attempt could be recorded) is retried a bounded number of times, like Hangfire would.
/// </summary>
public sealed class DockhandRetryFilter : JobFilterAttribute, IElectStateFilter
{
    public const int MaxUnrecordedRetries = 10;
    private const string UnrecordedRetriesParameter = "DockhandUnrecordedRetries";

    private static readonly Lock Registration = new();

    /// <summary>Adds the filter to Hangfire's global filters once per process (Hangfire's filters are process-wide).</summary>
    public static void RegisterGlobally()
    {
        lock (Registration)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is DockhandRetryFilter))
            {
                GlobalJobFilters.Filters.Add(new DockhandRetryFilter());
            }
        }
    }

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed || context.BackgroundJob.Job?.Type != typeof(RunJob))
        {
            return;
        }
        var exception = failed.Exception is Hangfire.Server.JobPerformanceException { InnerException: { } inner } ? inner : failed.Exception;
        if (exception is AttemptFailedException attemptFailed)
        {
            if (attemptFailed.Decision.Retry)
            {
                context.CandidateState = new ScheduledState(NotBefore(attemptFailed.Decision.Delay)) { Reason = attemptFailed.Decision.Reason };
            }
            return;
        }
        var retries = context.GetJobParameter<int>(UnrecordedRetriesParameter) + 1;
        if (retries <= MaxUnrecordedRetries)
        {
            context.SetJobParameter(UnrecordedRetriesParameter, retries);
            var delay = TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, retries - 1)));
            context.CandidateState = new ScheduledState(NotBefore(delay))
            {
                Reason = $"The attempt could not be recorded ({exception?.GetType().Name}): retry {retries} of {MaxUnrecordedRetries} in {delay:c}",
            };
        }
    }

    /// <summary>
    /// Hangfire keeps a scheduled job's due time in whole seconds (truncated), so a job can come
    /// due up to a second early; rounding the due time up keeps every backoff at least as long
    /// as the spec asks.
    /// </summary>
    private static DateTime NotBefore(TimeSpan delay)
    {
        var due = DateTime.UtcNow + delay;
        var wholeSeconds = TimeSpan.TicksPerSecond;
        return new DateTime((due.Ticks + wholeSeconds - 1) / wholeSeconds * wholeSeconds, DateTimeKind.Utc);
    }
}
