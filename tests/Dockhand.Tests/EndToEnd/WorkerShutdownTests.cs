using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>A worker that stops mid-attempt, and another worker that takes the run over, on one database.</summary>
[Collection(SequentialCollection.Name)]
public sealed class WorkerShutdownTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task WorkerShuttingDown_StopsItsContainer_RecordsTheAttemptInterrupted_AndAnotherWorkerRunsTheJobAgain()
    {
        var database = await postgres.CreateDatabaseAsync();
        Guid runId;
        string firstNode;
        string containerId;
        await using (var first = new DockhandApp(database))
        {
            firstNode = first.Node;
            var api = new RunsApiClient(first.CreateClient());
            runId = await api.SubmitAsync("""
                { "image": "dockhand/busybox:local", "pull": "Never",
                  "run": { "command": ["sh", "-c", "echo started; sleep 3; echo finished"] } }
                """);
            containerId = await api.WaitForContainerAsync(runId);
            await Task.Delay(300); // let "started" reach the log
        } // disposing the host is the worker's shutdown

        Assert.Empty(await DockerCli.ContainerIdsAsync($"id={containerId}"));

        await using var second = new DockhandApp(database);
        var secondApi = new RunsApiClient(second.CreateClient());
        var run = await secondApi.WaitAsync(runId);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var attempts = run.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("Interrupted", attempts[0].GetProperty("status").GetString());
        Assert.Equal(firstNode, attempts[0].GetProperty("node").GetString());
        Assert.Equal("Succeeded", attempts[1].GetProperty("status").GetString());
        Assert.Equal(second.Node, attempts[1].GetProperty("node").GetString());
        var logs = await secondApi.LogsAsync(runId);
        Assert.Equal("started\n", RunsApiClient.TextOf(logs, "stdout", attempt: 1));
        Assert.Equal("started\nfinished\n", RunsApiClient.TextOf(logs, "stdout", attempt: 2));
        Assert.Empty(await DockerCli.ContainerIdsAsync($"label=io.dockhand.run={runId}"));
    }
}
