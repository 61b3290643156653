using Dockhand.Jobs.Specs;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Decides from the spec's retry section whether a failed attempt is tried again, and when.
/// The first rule matching the failure wins; with none, app, resource and infra failures are
/// retried while attempts remain, and build and pull failures (which a retry rarely mends) fail.
/// </summary>
public static class RetryPolicy
{
    /// <summary>Attempts that do not count (rules with countsAgainstAttempts false) are still bounded, so an engine that never comes back cannot keep a run alive forever.</summary>
    public const int MaxAttemptsInAll = 100;

    /// <param name="attemptNumber">This attempt's number, from 1.</param>
    /// <param name="attemptsUsedBefore">Attempts that counted against <see cref="RetrySpec.Attempts"/> before this one.</param>
    /// <param name="random">A number in [0, 1) for jitter.</param>
    public static RetryDecision Decide(RetrySpec retry, FailureClass failure, int? exitCode, int attemptNumber, int attemptsUsedBefore, Func<double> random)
    {
        var rule = retry.Rules.FirstOrDefault(r => Matches(r, failure, exitCode));
        var counts = rule?.CountsAgainstAttempts ?? true;
        var used = attemptsUsedBefore + (counts ? 1 : 0);
        var action = rule?.Action ?? DefaultAction(failure);
        var what = exitCode is { } code && failure == FailureClass.App ? $"exit code {code}" : $"{failure.ToString().ToLowerInvariant()} failure";

        if (action == RetryAction.Fail)
        {
            return RetryDecision.Fail(counts, rule is null
                ? $"{what}: not retried ({failure.ToString().ToLowerInvariant()} failures fail at once unless a rule says otherwise)"
                : $"{what}: a retry rule says fail");
        }
        if (used >= retry.Attempts)
        {
            return RetryDecision.Fail(counts, $"{what}: all {retry.Attempts} attempt(s) used");
        }
        if (attemptNumber >= MaxAttemptsInAll)
        {
            return RetryDecision.Fail(counts, $"{what}: {MaxAttemptsInAll} attempts in all, the hard limit");
        }
        var delay = Backoff(retry.Backoff, attemptNumber, random);
        return new RetryDecision(true, delay, counts, $"{what}: attempt {attemptNumber + 1} in {delay:c}");
    }

    /// <summary>Delay before retry number <paramref name="retryNumber"/> (1 for the first retry).</summary>
    public static TimeSpan Backoff(BackoffSpec backoff, int retryNumber, Func<double> random)
    {
        var delay = backoff.Kind == BackoffKind.Fixed
            ? backoff.Initial
            : TimeSpan.FromTicks((long)Math.Min(backoff.Max.Ticks, backoff.Initial.Ticks * Math.Pow(2, Math.Min(retryNumber - 1, 62))));
        if (delay > backoff.Max)
        {
            delay = backoff.Max;
        }
        if (backoff.Jitter)
        {
            // "Equal jitter": half the delay is kept, half is random, so retries of many runs that
            // failed together (an engine restart) spread out without ever retrying at once.
            delay = delay / 2 + TimeSpan.FromTicks((long)(delay.Ticks / 2 * random()));
        }
        return delay;
    }

    private static bool Matches(RetryRule rule, FailureClass failure, int? exitCode) =>
        (rule.Class is null || rule.Class == failure)
        && (rule.ExitCodes is null || (exitCode is { } code && failure == FailureClass.App && rule.ExitCodes.Contains(code)));

    private static RetryAction DefaultAction(FailureClass failure) =>
        failure is FailureClass.Build or FailureClass.Pull ? RetryAction.Fail : RetryAction.Retry;
}
