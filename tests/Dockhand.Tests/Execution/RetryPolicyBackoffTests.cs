using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Execution;

public sealed class RetryPolicyBackoffTests
{
    private static readonly Func<double> NeverCalled = () => throw new InvalidOperationException("no jitter was asked for");

    private static BackoffSpec Exponential(TimeSpan initial, TimeSpan max, bool jitter = false) =>
        new() { Kind = BackoffKind.Exponential, Initial = initial, Max = max, Jitter = jitter };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    public void Backoff_Fixed_IsTheInitialDelayForEveryRetry(int retryNumber)
    {
        var backoff = new BackoffSpec { Kind = BackoffKind.Fixed, Initial = TimeSpan.FromSeconds(7), Max = TimeSpan.FromMinutes(1), Jitter = false };

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.Backoff(backoff, retryNumber, NeverCalled));
    }

    [Fact]
    public void Backoff_Fixed_IsCappedAtMax()
    {
        var backoff = new BackoffSpec { Kind = BackoffKind.Fixed, Initial = TimeSpan.FromSeconds(30), Max = TimeSpan.FromSeconds(20), Jitter = false };

        Assert.Equal(TimeSpan.FromSeconds(20), RetryPolicy.Backoff(backoff, 1, NeverCalled));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(7, 60)]
    public void Backoff_Exponential_DoublesUntilCappedAtMax(int retryNumber, int expectedSeconds)
    {
        var backoff = Exponential(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.Backoff(backoff, retryNumber, NeverCalled));
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Backoff_Exponential_HugeRetryNumbersGiveMaxWithoutOverflow(int retryNumber)
    {
        var backoff = Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(10), RetryPolicy.Backoff(backoff, retryNumber, NeverCalled));
    }

    [Fact]
    public void Backoff_Exponential_HugeRetryNumberWithTheLargestMaxDoesNotOverflow()
    {
        var backoff = Exponential(TimeSpan.FromDays(1), TimeSpan.MaxValue, jitter: true);

        var delay = RetryPolicy.Backoff(backoff, int.MaxValue, () => 0.999_999_999);

        Assert.InRange(delay, TimeSpan.MaxValue / 2, TimeSpan.MaxValue);
    }

    [Fact]
    public void Backoff_Jitter_WithRandomZero_IsHalfTheDelay()
    {
        var backoff = Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), jitter: true);

        Assert.Equal(TimeSpan.FromSeconds(20), RetryPolicy.Backoff(backoff, 3, () => 0));
    }

    [Fact]
    public void Backoff_Jitter_WithRandomNearOne_IsNearlyTheWholeDelayButNotMore()
    {
        var backoff = Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), jitter: true);

        var delay = RetryPolicy.Backoff(backoff, 3, () => 0.999_999_999);

        Assert.InRange(delay, TimeSpan.FromSeconds(40) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(40));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999_999_999_999)]
    public void Backoff_Jitter_StaysBetweenHalfTheDelayAndTheDelay(double random)
    {
        // Odd tick counts are where halving could round past the bounds.
        var backoff = new BackoffSpec { Kind = BackoffKind.Fixed, Initial = TimeSpan.FromTicks(10_000_001), Max = TimeSpan.FromMinutes(1), Jitter = true };

        var delay = RetryPolicy.Backoff(backoff, 1, () => random);

        Assert.InRange(delay.Ticks, 10_000_001 / 2, 10_000_001);
    }

    [Fact]
    public void Backoff_Jitter_AsksTheRandomSourceOnce()
    {
        var backoff = Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), jitter: true);
        var calls = 0;

        var delay = RetryPolicy.Backoff(backoff, 1, () => { calls++; return 0.5; });

        Assert.Equal(1, calls);
        Assert.Equal(TimeSpan.FromSeconds(7.5), delay);
    }

    [Fact]
    public void Backoff_Jitter_AppliesAfterTheCapAtMax()
    {
        var backoff = Exponential(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), jitter: true);

        Assert.Equal(TimeSpan.FromSeconds(15), RetryPolicy.Backoff(backoff, 10, () => 0));
    }
}
