using System.Text.Json;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>Submit through the API, build in the real engine, run, and read back what was stored.</summary>
[Collection(SequentialCollection.Name)]
public sealed class BuildThenRunTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    private const string Busybox = "dockhand/busybox:local";

    private static readonly string[] StagesInOrder =
        ["startedAt", "imageStartedAt", "imageFinishedAt", "runStartedAt", "runFinishedAt", "finishedAt"];

    private static readonly string[] ExpectedContextFiles =
        ["/ctx/.dockerignore", "/ctx/Dockerfile", "/ctx/keep.txt", "/ctx/run.sh", "/ctx/secrets/public.txt"];

    [Fact]
    public async Task BuildThenRun_Succeeds_WithBuildLogStdoutAndStderrStoredApartInOrder()
    {
        using var context = new TempContext()
            .With("Dockerfile", $"FROM {Busybox}\nRUN echo building-step-one {Guid.NewGuid()}\nRUN echo building-step-two\n")
            .With("job.sh", "#!/bin/sh\nfor i in 1 2 3; do echo out-$i; echo err-$i >&2; done\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = """
            { "name": "hello", "build": {},
              "run": { "command": ["sh", "-c", "for i in 1 2 3; do echo out-$i; echo err-$i >&2; sleep 0.05; done"],
                       "resources": { "memory": "32Mi", "pids": 32 } } }
            """;

        var runId = await Api.SubmitAsync(spec, context.Path);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Equal(0, attempt.GetProperty("exitCode").GetInt32());
        AssertTimingsInOrder(attempt);

        var logs = await Api.LogsAsync(runId);
        var build = RunsApiClient.TextOf(logs, "build");
        Assert.True(build.IndexOf("building-step-one", StringComparison.Ordinal) < build.IndexOf("building-step-two", StringComparison.Ordinal), build);
        Assert.Equal("out-1\nout-2\nout-3\n", RunsApiClient.TextOf(logs, "stdout"));
        Assert.Equal("err-1\nerr-2\nerr-3\n", RunsApiClient.TextOf(logs, "stderr"));
        Assert.Equal(logs.Select(l => l.Position).Order(), logs.Select(l => l.Position));
    }

    [Fact]
    public async Task FailingRunStep_IsABuildFailure_WithTheEnginesMessage_AndNoRunStage()
    {
        using var context = new TempContext().With("Dockerfile", $"FROM {Busybox}\nRUN echo about-to-fail && exit 7\n");
        var runId = await Api.SubmitAsync("""{ "build": {}, "run": { "command": ["true"] }, "retry": { "attempts": 3 } }""", context.Path);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("build", run.GetProperty("failureClass").GetString());
        Assert.Contains("7", run.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);
        var attempt = Assert.Single(run.GetProperty("attempts").EnumerateArray()); // build failures are not retried by default
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("runStartedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("containerId").ValueKind);
        Assert.Contains("about-to-fail", RunsApiClient.TextOf(await Api.LogsAsync(runId), "build"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerIgnore_IsHonoured_AndAnExecutableScriptStaysExecutable()
    {
        using var context = new TempContext()
            .With("Dockerfile", $"FROM {Busybox}\nCOPY . /ctx/\n")
            .With(".dockerignore", "*.log\n**/*.tmp\nsecrets/\n!secrets/public.txt\n")
            .With("run.sh", "#!/bin/sh\necho script-ran\nfind /ctx -type f | sort\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)
            .With("keep.txt", "kept")
            .With("debug.log", "ignored")
            .With("deep/er/cache.tmp", "ignored")
            .With("secrets/key.pem", "ignored")
            .With("secrets/public.txt", "re-included");

        var runId = await Api.SubmitAsync("""{ "build": {}, "run": { "command": ["/ctx/run.sh"] } }""", context.Path);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var files = RunsApiClient.TextOf(await Api.LogsAsync(runId), "stdout").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("script-ran", files[0]);
        Assert.Equal(ExpectedContextFiles, files[1..]);
    }

    [Fact]
    public async Task MultiStageBuild_WithTarget_RunsTheFinalStage()
    {
        using var context = new TempContext().With("Dockerfile", $"""
            FROM {Busybox} AS builder
            RUN echo built-in-stage-one > /artifact
            FROM {Busybox} AS final
            COPY --from=builder /artifact /artifact
            CMD ["cat", "/artifact"]
            """);
        var runId = await Api.SubmitAsync("""{ "build": { "target": "final" } }""", context.Path);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal("built-in-stage-one\n", RunsApiClient.TextOf(await Api.LogsAsync(runId), "stdout"));
    }

    [Fact]
    public async Task SameContextTwice_SkipsTheSecondBuild()
    {
        using var context = new TempContext().With("Dockerfile", $"FROM {Busybox}\nRUN echo {Guid.NewGuid()}\n");
        var spec = """{ "build": {}, "run": { "command": ["echo", "hi"] } }""";
        var first = await Api.SubmitAsync(spec, context.Path);
        await Api.WaitAsync(first);
        var second = await Api.SubmitAsync(spec, context.Path);
        var run = await Api.WaitAsync(second);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Contains("build skipped", RunsApiClient.TextOf(await Api.LogsAsync(second), "system"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, RunsApiClient.TextOf(await Api.LogsAsync(second), "build"));
    }

    private static void AssertTimingsInOrder(JsonElement attempt)
    {
        var stages = StagesInOrder
            .Select(name => attempt.GetProperty(name).GetDateTimeOffset())
            .ToList();
        Assert.Equal(stages.Order(), stages);
    }
}
