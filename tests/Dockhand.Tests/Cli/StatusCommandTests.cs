using System.Net;

namespace Dockhand.Tests.Cli;

public sealed class StatusCommandTests
{
    private readonly Guid runId = Guid.NewGuid();

    [Fact]
    public async Task Status_Json_PassesTheServersJsonThroughUnchanged()
    {
        var json = $$"""{"id":"{{runId}}","status":"Running","queue":"default","futureField":{"kept":true},"attempts":[]}""";
        var server = new StubServer(_ => StubServer.Raw(json, HttpStatusCode.OK, "application/json"));

        var result = await CliRunner.RunAsync(server, "status", runId.ToString(), "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(json + Environment.NewLine, result.Out);
        Assert.Equal($"/api/runs/{runId}", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Status_ShowsStatusAttemptsExitCodesFailureAndTimings()
    {
        var attempts = new object[]
        {
            Attempt(1, "Failed", exitCode: 137, oomKilled: true, failureClass: "resource", failureMessage: "out of memory"),
            Attempt(2, "Failed", exitCode: 3, oomKilled: false, failureClass: "app", failureMessage: "exited with code 3"),
        };
        var server = new StubServer(_ => StubServer.Json(StubServer.Run(runId, "Failed", 3, "app", "exited with code 3", attempts)));

        var result = await CliRunner.RunAsync(server, "status", runId.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"run       {runId}", lines);
        Assert.Contains("status    Failed (exit 3)", lines);
        Assert.Contains("finished  2025-01-02 03:04:17Z (after 12.0 s)", lines);
        Assert.Contains("failure   app: exited with code 3", lines);
        Assert.Contains(lines, l => l.StartsWith("  #1  Failed (exit 137)  on node-a", StringComparison.Ordinal)
            && l.Contains("image 2.0 s", StringComparison.Ordinal) && l.Contains("OOM-killed", StringComparison.Ordinal)
            && l.EndsWith("- resource: out of memory", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  #2  Failed (exit 3)", StringComparison.Ordinal)
            && l.EndsWith("- app: exited with code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_UnknownRun_SaysNotFound_AndExits2()
    {
        var server = new StubServer(_ => StubServer.Problem(new { title = "Not Found", status = 404 }, HttpStatusCode.NotFound));

        var result = await CliRunner.RunAsync(server, "status", "0b6c9f6e-0000-4000-8000-000000000000");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dockhand: run 0b6c9f6e-0000-4000-8000-000000000000 not found"], result.ErrorLines);
    }

    private static object Attempt(int number, string status, int exitCode, bool oomKilled, string failureClass, string failureMessage)
    {
        var start = new DateTimeOffset(2025, 1, 2, 3, 4, 5 + number, TimeSpan.Zero);
        return new
        {
            number,
            status,
            node = "node-a",
            containerId = "c0ffee",
            exitCode,
            oomKilled,
            failureClass,
            failureMessage,
            startedAt = start,
            finishedAt = start.AddSeconds(5),
            imageStartedAt = start,
            imageFinishedAt = start.AddSeconds(2),
            runStartedAt = start.AddSeconds(2),
            runFinishedAt = start.AddSeconds(5),
            logTruncated = false,
        };
    }
}
