using System.Net;
using System.Text.Json;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

[Collection(SequentialCollection.Name)]
public sealed class CancellationTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    [Fact]
    public async Task CancellingARunningRun_StopsItsContainer_AndRecordsTheAttemptAsCancelled()
    {
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "echo waiting; sleep 600"] }, "retry": { "attempts": 3 } }
            """);
        var containerId = await Api.WaitForContainerAsync(runId);

        using var response = await Api.Http.PostAsync(new Uri($"/api/runs/{runId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // Hangfire tells a running job it was deleted within about 5 s; the attempt then stops
        // the container (2 s grace in tests) and records itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement attempt;
        do
        {
            await Task.Delay(250);
            attempt = (await Api.GetAsync(runId)).GetProperty("attempts")[0];
        }
        while (attempt.GetProperty("status").GetString() == "Running" && DateTime.UtcNow < deadline);

        var run = await Api.GetAsync(runId);
        Assert.Equal("Cancelled", run.GetProperty("status").GetString());
        Assert.Equal("Cancelled", attempt.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("attempts").GetArrayLength());
        Assert.Empty(await DockerCli.ContainerIdsAsync($"id={containerId}"));
    }

    [Fact]
    public async Task CancellingAFinishedRun_IsAConflict()
    {
        var runId = await Api.SubmitAsync("""{ "image": "dockhand/busybox:local", "pull": "Never", "run": { "command": ["true"] } }""");
        await Api.WaitAsync(runId);

        using var response = await Api.Http.PostAsync(new Uri($"/api/runs/{runId}/cancel", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Succeeded", (await Api.GetAsync(runId)).GetProperty("status").GetString());
    }
}
