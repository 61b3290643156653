using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>A worker whose engine is not there (a socket nobody listens on).</summary>
public sealed class EngineAwayFixture : DockhandFixture
{
    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings["Dockhand:Engine:Endpoint"] = $"unix:///tmp/dockhand-no-engine-{Guid.NewGuid():N}.sock";
        return settings;
    }
}

[Collection(SequentialCollection.Name)]
public sealed class EngineAwayTests(EngineAwayFixture fixture) : DockhandTest<EngineAwayFixture>(fixture)
{
    [Fact]
    public async Task EngineAway_IsAnInfraFailure_RetriedByTheSpecsRules_ThenFailed_NotACrash()
    {
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never", "run": { "command": ["true"] },
              "retry": { "attempts": 2, "backoff": { "kind": "fixed", "initial": "00:00:01", "jitter": false } } }
            """);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("infra", run.GetProperty("failureClass").GetString());
        var attempts = run.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("infra", a.GetProperty("failureClass").GetString()));
        Assert.Contains("engine", run.GetProperty("failureMessage").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("attempt 2", RunsApiClient.TextOf(await Api.LogsAsync(runId), "system"), StringComparison.Ordinal);
    }
}
