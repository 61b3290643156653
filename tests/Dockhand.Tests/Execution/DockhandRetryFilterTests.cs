using System.Reflection;
using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Specs;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;

namespace Dockhand.Tests.Execution;

/// <summary>
/// The filter's decision for an attempt that recorded its own outcome needs no storage: the
/// context is built on a storage, connection and transaction that throw on any use, so these
/// tests also prove the filter does not touch them on that path.
/// </summary>
public sealed class DockhandRetryFilterTests
{
    private static readonly Job RunJobCall = Job.FromExpression<RunJob>(j => j.ExecuteAsync(Guid.Empty, null, CancellationToken.None));
    private static readonly Job OtherJobCall = Job.FromExpression(() => Console.WriteLine());

    [Fact]
    public void OnStateElection_RetryDecision_SchedulesTheNextAttemptNoSoonerThanTheDelayOnAWholeSecond()
    {
        var delay = TimeSpan.FromSeconds(7.3);
        var decision = new RetryDecision(true, delay, true, "exit code 1: attempt 2 in 00:00:07.3");
        var context = Elect(RunJobCall, new FailedState(AttemptFailed(decision)));
        var before = DateTime.UtcNow;

        new DockhandRetryFilter().OnStateElection(context);

        var after = DateTime.UtcNow;
        var scheduled = Assert.IsType<ScheduledState>(context.CandidateState);
        Assert.Equal(DateTimeKind.Utc, scheduled.EnqueueAt.Kind);
        Assert.Equal(0, scheduled.EnqueueAt.Ticks % TimeSpan.TicksPerSecond);
        Assert.InRange(scheduled.EnqueueAt, before + delay, after + delay + TimeSpan.FromSeconds(1));
        Assert.Equal(decision.Reason, scheduled.Reason);
    }

    [Fact]
    public void OnStateElection_RetryDecisionWrappedByHangfire_SchedulesTheNextAttempt()
    {
        // Hangfire hands the filter the job's exception wrapped in a JobPerformanceException.
        var decision = new RetryDecision(true, TimeSpan.FromSeconds(2), true, "infra failure: attempt 2 in 00:00:02");
        var wrapped = new JobPerformanceException("the job threw", AttemptFailed(decision));
        var context = Elect(RunJobCall, new FailedState(wrapped));
        var before = DateTime.UtcNow;

        new DockhandRetryFilter().OnStateElection(context);

        var scheduled = Assert.IsType<ScheduledState>(context.CandidateState);
        Assert.True(scheduled.EnqueueAt >= before + decision.Delay);
    }

    [Fact]
    public void OnStateElection_FailDecision_LeavesTheJobFailed()
    {
        var failed = new FailedState(new JobPerformanceException("the job threw", AttemptFailed(RetryDecision.Fail(true, "exit code 1: all 3 attempt(s) used"))));
        var context = Elect(RunJobCall, failed);

        new DockhandRetryFilter().OnStateElection(context);

        Assert.Same(failed, context.CandidateState);
        Assert.Empty(context.TraversedStates);
    }

    [Fact]
    public void OnStateElection_AnotherJobType_IsLeftAlone()
    {
        var decision = new RetryDecision(true, TimeSpan.FromSeconds(2), true, "retry");
        var failed = new FailedState(AttemptFailed(decision));
        var context = Elect(OtherJobCall, failed);

        new DockhandRetryFilter().OnStateElection(context);

        Assert.Same(failed, context.CandidateState);
        Assert.Empty(context.TraversedStates);
    }

    [Fact]
    public void OnStateElection_AStateOtherThanFailed_IsLeftAlone()
    {
        var succeeded = new SucceededState(null, 1, 1);
        var context = Elect(RunJobCall, succeeded);

        new DockhandRetryFilter().OnStateElection(context);

        Assert.Same(succeeded, context.CandidateState);
    }

    private static AttemptFailedException AttemptFailed(RetryDecision decision) =>
        new(Guid.NewGuid(), 1, FailureClass.App, "exit code 1", decision);

    private static ElectStateContext Elect(Job job, IState candidate)
    {
        var apply = new ApplyStateContext(
            new UnusedStorage(),
            Unused<IStorageConnection>(),
            Unused<IWriteOnlyTransaction>(),
            new BackgroundJob("42", job, DateTime.UtcNow),
            candidate,
            ProcessingState.StateName);
        return new ElectStateContext(apply);
    }

    private static T Unused<T>() where T : class => DispatchProxy.Create<T, ThrowOnUse>();

    /// <summary>Any call means the filter reached into storage where it should not.</summary>
    public class ThrowOnUse : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"the filter used storage: {targetMethod?.Name}");
    }

    private sealed class UnusedStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new InvalidOperationException("the filter used storage");

        public override IStorageConnection GetConnection() => throw new InvalidOperationException("the filter used storage");
    }
}
