namespace Dockhand.Jobs.Execution;

/// <summary>What happens after a failed attempt: another attempt after <see cref="Delay"/>, or the end.</summary>
public sealed record RetryDecision(bool Retry, TimeSpan Delay, bool CountsAgainstAttempts, string Reason)
{
    public static RetryDecision Fail(bool countsAgainstAttempts, string reason) => new(false, TimeSpan.Zero, countsAgainstAttempts, reason);
}
