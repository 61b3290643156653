using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Execution;

public sealed class RetryPolicyDecideTests
{
    private static readonly Func<double> NoJitterNeeded = () => 0.5;

    private static readonly BackoffSpec FixedTenSeconds = new()
    {
        Kind = BackoffKind.Fixed,
        Initial = TimeSpan.FromSeconds(10),
        Max = TimeSpan.FromMinutes(10),
        Jitter = false,
    };

    private static RetrySpec Retry(int attempts, params RetryRule[] rules) =>
        new() { Attempts = attempts, Backoff = FixedTenSeconds, Rules = rules };

    private static RetryDecision Decide(RetrySpec retry, FailureClass failure, int? exitCode = null, int attemptNumber = 1, int? attemptsUsedBefore = null) =>
        RetryPolicy.Decide(retry, failure, exitCode, attemptNumber, attemptsUsedBefore ?? attemptNumber - 1, NoJitterNeeded);

    [Theory]
    [InlineData(FailureClass.App, 1)]
    [InlineData(FailureClass.App, null)]
    [InlineData(FailureClass.Resource, null)]
    [InlineData(FailureClass.Infra, null)]
    public void Decide_WithoutRules_RetriesAppResourceAndInfraFailuresWhileAttemptsRemain(FailureClass failure, int? exitCode)
    {
        var decision = Decide(Retry(3), failure, exitCode);

        Assert.True(decision.Retry);
        Assert.True(decision.CountsAgainstAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), decision.Delay);
        Assert.Contains("attempt 2", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FailureClass.Build)]
    [InlineData(FailureClass.Pull)]
    public void Decide_WithoutRules_FailsBuildAndPullFailuresAtOnce(FailureClass failure)
    {
        var decision = Decide(Retry(5), failure);

        Assert.False(decision.Retry);
        Assert.Equal(TimeSpan.Zero, decision.Delay);
        Assert.Contains("not retried", decision.Reason, StringComparison.Ordinal);
        Assert.Contains(failure.ToString().ToLowerInvariant(), decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithThreeAttempts_RetriesAfterTheFirstAndSecondAndFailsAfterTheThird()
    {
        var retry = Retry(3);

        Assert.True(Decide(retry, FailureClass.App, 1, attemptNumber: 1).Retry);
        Assert.True(Decide(retry, FailureClass.App, 1, attemptNumber: 2).Retry);
        var third = Decide(retry, FailureClass.App, 1, attemptNumber: 3);

        Assert.False(third.Retry);
        Assert.True(third.CountsAgainstAttempts);
        Assert.Contains("all 3 attempt(s) used", third.Reason, StringComparison.Ordinal);
        Assert.Contains("exit code 1", third.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithOneAttempt_NeverRetries()
    {
        var decision = Decide(Retry(1), FailureClass.Infra);

        Assert.False(decision.Retry);
        Assert.Contains("all 1 attempt(s) used", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FirstMatchingRuleWins_ExitCodeRuleBeforeClassRule()
    {
        var retry = Retry(5,
            new RetryRule { ExitCodes = [3], Action = RetryAction.Fail },
            new RetryRule { Class = FailureClass.App, Action = RetryAction.Retry });

        var exitThree = Decide(retry, FailureClass.App, 3);
        var exitFour = Decide(retry, FailureClass.App, 4);

        Assert.False(exitThree.Retry);
        Assert.Contains("exit code 3: a retry rule says fail", exitThree.Reason, StringComparison.Ordinal);
        Assert.True(exitFour.Retry);
    }

    [Fact]
    public void Decide_FirstMatchingRuleWins_ClassRuleBeforeExitCodeRule()
    {
        var retry = Retry(5,
            new RetryRule { Class = FailureClass.App, Action = RetryAction.Retry },
            new RetryRule { ExitCodes = [3], Action = RetryAction.Fail });

        Assert.True(Decide(retry, FailureClass.App, 3).Retry);
    }

    [Theory]
    [InlineData(FailureClass.Resource, 3)]
    [InlineData(FailureClass.Infra, 3)]
    [InlineData(FailureClass.App, null)]
    public void Decide_ExitCodeRule_NeverMatchesANonAppFailureOrAMissingExitCode(FailureClass failure, int? exitCode)
    {
        // The rule would fail the run; the default for these failures is to retry, so a retry shows the rule did not match.
        var retry = Retry(5, new RetryRule { ExitCodes = [3], Action = RetryAction.Fail });

        Assert.True(Decide(retry, failure, exitCode).Retry);
    }

    [Fact]
    public void Decide_ExitCodeAndClassRule_NeedsBothToMatch()
    {
        var retry = Retry(5, new RetryRule { ExitCodes = [3], Class = FailureClass.Resource, Action = RetryAction.Fail });

        Assert.True(Decide(retry, FailureClass.App, 3).Retry);
    }

    [Fact]
    public void Decide_FailRule_FailsAnAppFailureEvenWithAttemptsLeft()
    {
        var retry = Retry(5, new RetryRule { Class = FailureClass.App, Action = RetryAction.Fail });

        var decision = Decide(retry, FailureClass.App, 2);

        Assert.False(decision.Retry);
        Assert.Equal("exit code 2: a retry rule says fail", decision.Reason);
    }

    [Fact]
    public void Decide_RetryRule_RetriesABuildFailureThatWouldOtherwiseFail()
    {
        var retry = Retry(2, new RetryRule { Class = FailureClass.Build });

        Assert.True(Decide(retry, FailureClass.Build).Retry);
        Assert.False(Decide(retry, FailureClass.Build, attemptNumber: 2).Retry);
    }

    [Fact]
    public void Decide_RuleNotCountingAgainstAttempts_KeepsRetryingPastAttempts()
    {
        var retry = Retry(2, new RetryRule { Class = FailureClass.Infra, CountsAgainstAttempts = false });

        // Ten infra failures in a row, none counted: attempts 2 is never used up.
        var decision = Decide(retry, FailureClass.Infra, attemptNumber: 10, attemptsUsedBefore: 0);

        Assert.True(decision.Retry);
        Assert.False(decision.CountsAgainstAttempts);
    }

    [Fact]
    public void Decide_RuleNotCountingAgainstAttempts_StillFailsOnceCountedAttemptsAreUsed()
    {
        var retry = Retry(2, new RetryRule { Class = FailureClass.Infra, CountsAgainstAttempts = false });

        var decision = Decide(retry, FailureClass.Infra, attemptNumber: 5, attemptsUsedBefore: 2);

        Assert.False(decision.Retry);
        Assert.Contains("all 2 attempt(s) used", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RuleNotCountingAgainstAttempts_StopsAtTheHardLimitOfAttemptsInAll()
    {
        var retry = Retry(2, new RetryRule { Class = FailureClass.Infra, CountsAgainstAttempts = false });

        var beforeLimit = Decide(retry, FailureClass.Infra, attemptNumber: RetryPolicy.MaxAttemptsInAll - 1, attemptsUsedBefore: 0);
        var atLimit = Decide(retry, FailureClass.Infra, attemptNumber: RetryPolicy.MaxAttemptsInAll, attemptsUsedBefore: 0);

        Assert.True(beforeLimit.Retry);
        Assert.False(atLimit.Retry);
        Assert.False(atLimit.CountsAgainstAttempts);
        Assert.Contains($"{RetryPolicy.MaxAttemptsInAll} attempts in all", atLimit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UsesTheBackoffForThisRetryNumber()
    {
        var retry = new RetrySpec
        {
            Attempts = 5,
            Backoff = new BackoffSpec { Kind = BackoffKind.Exponential, Initial = TimeSpan.FromSeconds(1), Max = TimeSpan.FromMinutes(1), Jitter = false },
        };

        Assert.Equal(TimeSpan.FromSeconds(1), Decide(retry, FailureClass.App, 1, attemptNumber: 1).Delay);
        Assert.Equal(TimeSpan.FromSeconds(4), Decide(retry, FailureClass.App, 1, attemptNumber: 3).Delay);
    }
}
