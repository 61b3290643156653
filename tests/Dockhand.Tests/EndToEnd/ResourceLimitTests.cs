using System.Diagnostics;
using Dockhand.Jobs.Runs;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

[Collection(SequentialCollection.Name)]
public sealed class ResourceLimitTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    [Fact]
    public async Task Timeout_StopsTheContainer_AndIsRecordedAsAResourceFailure()
    {
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "echo started; sleep 600"], "timeout": "00:00:02" } }
            """;
        var stopwatch = Stopwatch.StartNew();
        var runId = await Api.SubmitAsync(spec);
        var run = await Api.WaitAsync(runId);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"a 2 s timeout took {stopwatch.Elapsed} to end the run");
        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("resource", run.GetProperty("failureClass").GetString());
        Assert.Contains("timed out", run.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);
        var logs = await Api.LogsAsync(runId);
        Assert.Equal("started\n", RunsApiClient.TextOf(logs, "stdout"));
        Assert.Contains("run.timeout", RunsApiClient.TextOf(logs, "system"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryHog_UnderASmallLimit_IsRecordedAsOutOfMemory()
    {
        // Reading 200 MB of zeros into a shell variable needs far more than the 16 MiB allowed.
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}"],
                       "resources": { "memory": "16Mi" } } }
            """;
        var run = await Api.WaitAsync(await Api.SubmitAsync(spec));

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("resource", run.GetProperty("failureClass").GetString());
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("oomKilled").GetBoolean(), attempt.ToString());
        Assert.Equal(137, attempt.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Flood_FarBeyondTheCap_KeepsMemoryBounded_EndsWithTheMarker_AndKeepsTheExitCode()
    {
        // 300 MB of output against a 1 MiB cap (the fixture's Dockhand:Logs:MaxBytesPerAttempt),
        // in 1000-character lines: the engine's own logging of tiny lines would take minutes.
        var spec = """
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "yes $(head -c 999 /dev/zero | tr '\\0' x) | head -c 300000000; exit 5"], "successExitCodes": [5] } }
            """;
        using var sampler = new MemorySampler();
        var runId = await Api.SubmitAsync(spec);
        var run = await Api.WaitAsync(runId, TimeSpan.FromSeconds(180));
        var peakGrowth = sampler.Stop();

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(5, run.GetProperty("exitCode").GetInt32());
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("logTruncated").GetBoolean());
        Assert.Equal(300_000_000, attempt.GetProperty("logBytes").GetInt64());

        var logs = await Api.LogsAsync(runId);
        var stdout = RunsApiClient.TextOf(logs, "stdout");
        Assert.InRange(stdout.Length, 1_000_000, 1_048_576);
        Assert.Contains(AttemptLog.TruncationMarker, RunsApiClient.TextOf(logs, "system"), StringComparison.Ordinal);
        // The whole output went through this process; a leak would show as hundreds of MB.
        Assert.True(peakGrowth < 150L * 1024 * 1024, $"managed heap grew by {peakGrowth / (1024 * 1024)} MiB while 300 MB of output streamed through");
    }
}

/// <summary>Samples the managed heap in the background and reports the peak growth over the start.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler()
    {
        _peak = _baseline;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(20);
            }
        });
    }

    public long Stop()
    {
        _stop.Cancel();
        _sampling.Wait();
        return _peak - _baseline;
    }

    public void Dispose() => _stop.Dispose();
}
