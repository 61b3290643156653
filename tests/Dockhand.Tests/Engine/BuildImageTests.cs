using System.Diagnostics;
using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class BuildImageTests(EngineFixture fixture) : IAsyncLifetime
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private readonly string _tag = "dockhand-test/build:" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _label = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Build_StreamsLinesInOrderAndReturnsTheImageId()
    {
        var lines = new List<string>();
        using var context = BuildContext.WithDockerfile($"FROM {EngineFixture.BusyboxImage}\nRUN echo hello\n");

        var built = await fixture.Engine.BuildImageAsync(Request(), context, Collect(lines), CancellationToken.None);

        Assert.Equal(_tag, built.Tag);
        Assert.StartsWith("sha256:", built.ImageId, StringComparison.Ordinal);
        var inspectedId = (await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", _tag])).Trim();
        Assert.Equal(inspectedId, built.ImageId);

        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        var step1 = lines.FindIndex(line => line.StartsWith("Step 1/2 : FROM", StringComparison.Ordinal));
        var step2 = lines.FindIndex(line => line.StartsWith("Step 2/2 : RUN echo hello", StringComparison.Ordinal));
        var hello = lines.IndexOf("hello");
        Assert.True(step1 >= 0 && step1 < step2 && step2 < hello, "expected Step 1, Step 2, then hello, got:\n" + string.Join('\n', lines));
    }

    [Fact]
    public async Task Build_HandsOverEachLineWhileTheBuildRuns()
    {
        var seen = new List<(string Line, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var context = BuildContext.WithDockerfile($"FROM {EngineFixture.BusyboxImage}\nRUN echo first && sleep 2 && echo second\n");

        await fixture.Engine.BuildImageAsync(Request(), context, (line, _) =>
        {
            seen.Add((line, clock.Elapsed));
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        var first = seen.Single(entry => entry.Line == "first").At;
        var second = seen.Single(entry => entry.Line == "second").At;
        Assert.True(second - first >= TimeSpan.FromSeconds(1), $"'first' at {first}, 'second' at {second}: lines were not streamed");
    }

    [Fact]
    public async Task Build_FailingStepThrowsWithTheEngineMessageAndLeavesNoContainer()
    {
        var lines = new List<string>();
        // The LABEL marks the step's intermediate container, so we can look for leftovers.
        using var context = BuildContext.WithDockerfile($"FROM {EngineFixture.BusyboxImage}\nLABEL dockhand.test={_label}\nRUN echo about-to-fail && exit 7\n");

        var failure = await Assert.ThrowsAsync<BuildFailedException>(
            () => fixture.Engine.BuildImageAsync(Request(), context, Collect(lines), CancellationToken.None));

        Assert.Contains("returned a non-zero code: 7", failure.Message, StringComparison.Ordinal);
        Assert.Contains("about-to-fail", lines);
        Assert.Empty(await DockerCli.ContainerIdsAsync($"label=dockhand.test={_label}"));
        Assert.False(await fixture.Engine.ImageExistsAsync(_tag, CancellationToken.None));
    }

    [Fact]
    public async Task Build_MissingDockerfileIsABuildFailure()
    {
        using var context = BuildContext.Tar(("README", "no Dockerfile here"));

        var failure = await Assert.ThrowsAsync<BuildFailedException>(
            () => fixture.Engine.BuildImageAsync(Request(), context, Collect([]), CancellationToken.None));

        Assert.Contains("Dockerfile", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Build_FailingLogCallbackEndsTheBuildWithItsException()
    {
        using var context = BuildContext.WithDockerfile($"FROM {EngineFixture.BusyboxImage}\nRUN echo hello\n");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Engine.BuildImageAsync(
            Request(), context, (_, _) => throw new InvalidOperationException("log store is down"), CancellationToken.None));

        Assert.Equal("log store is down", failure.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DockerCli.RemoveImagesAsync(_tag);
        await DockerCli.RemoveContainersAsync([.. await DockerCli.ContainerIdsAsync($"label=dockhand.test={_label}")]);
        await DockerCli.TryRunAsync(["image", "prune", "-f", "--filter", $"label=dockhand.test={_label}"]);
    }

    private BuildRequest Request() => new(_tag, "Dockerfile", None, Target: null, NoCache: true, None);

    private static Func<string, CancellationToken, ValueTask> Collect(List<string> lines) => (line, _) =>
    {
        lines.Add(line);
        return ValueTask.CompletedTask;
    };
}
