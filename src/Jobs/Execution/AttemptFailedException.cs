using Dockhand.Jobs.Specs;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Thrown by the job after a failed attempt has been stored, so that Hangfire moves the job to
/// Failed; <see cref="DockhandRetryFilter"/> turns that into Scheduled when <see cref="Decision"/> says retry.
/// </summary>
public sealed class AttemptFailedException(Guid runId, int attempt, FailureClass failure, string message, RetryDecision decision)
    : Exception($"run {runId} attempt {attempt}: {failure.ToString().ToLowerInvariant()} failure: {message}. {decision.Reason}")
{
    public Guid RunId { get; } = runId;
    public int Attempt { get; } = attempt;
    public FailureClass Failure { get; } = failure;
    public RetryDecision Decision { get; } = decision;
}
