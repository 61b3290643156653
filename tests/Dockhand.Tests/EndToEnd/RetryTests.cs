using Dockhand.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;

namespace Dockhand.Tests.EndToEnd;

[Collection(SequentialCollection.Name)]
public sealed class RetryTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    [Fact]
    public async Task ExitCode3_WithThreeAttempts_RunsThreeAttemptsWithBackoff_AndTheHangfireJobEndsFailed()
    {
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "echo attempt-output; exit 3"] },
              "retry": { "attempts": 3, "backoff": { "kind": "fixed", "initial": "00:00:02", "jitter": false } } }
            """;
        var runId = await Api.SubmitAsync(spec);
        var run = await Api.WaitAsync(runId, TimeSpan.FromSeconds(120));

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("app", run.GetProperty("failureClass").GetString());
        Assert.Equal(3, run.GetProperty("exitCode").GetInt32());
        var attempts = run.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.GetProperty("number").GetInt32()));
        Assert.All(attempts, a => Assert.Equal(3, a.GetProperty("exitCode").GetInt32()));
        Assert.All(attempts, a => Assert.Equal("Failed", a.GetProperty("status").GetString()));
        for (var i = 1; i < attempts.Count; i++)
        {
            var gap = attempts[i].GetProperty("startedAt").GetDateTimeOffset() - attempts[i - 1].GetProperty("finishedAt").GetDateTimeOffset();
            Assert.True(gap >= TimeSpan.FromSeconds(1.9), $"attempt {i + 1} started {gap} after the previous one ended; the backoff is 2 s");
        }

        var logs = await Api.LogsAsync(runId);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal("attempt-output\n", RunsApiClient.TextOf(logs, "stdout", attempt));
        }

        var jobId = run.GetProperty("hangfireJobId").GetString()!;
        using var connection = Fixture.App.Service<JobStorage>().GetConnection();
        Assert.Equal(FailedState.StateName, connection.GetStateData(jobId).Name);
    }

    [Fact]
    public async Task RuleThatSaysFail_StopsAfterTheFirstAttempt_WhileOtherCodesAreRetried()
    {
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "exit 2"] },
              "retry": { "attempts": 5, "backoff": { "kind": "fixed", "initial": "00:00:01" },
                         "rules": [ { "exitCodes": [2], "action": "fail" } ] } }
            """;
        var run = await Api.WaitAsync(await Api.SubmitAsync(spec));

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Contains("rule", (await Api.LogsAsync(run.GetProperty("id").GetGuid())).Last(l => l.Stream == "system").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCodeListedInSuccessExitCodes_Succeeds_WithoutRetry()
    {
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "exit 4"], "successExitCodes": [0, 4] },
              "retry": { "attempts": 3 } }
            """;
        var run = await Api.WaitAsync(await Api.SubmitAsync(spec));

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(4, run.GetProperty("exitCode").GetInt32());
        Assert.Single(run.GetProperty("attempts").EnumerateArray());
    }
}
