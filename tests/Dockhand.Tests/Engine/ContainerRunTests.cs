using System.Diagnostics;
using System.Text.Json;
using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class ContainerRunTests(EngineFixture fixture) : IAsyncLifetime
{
    private readonly ContainerRun _run = new(fixture.Engine);

    [Fact]
    public async Task Run_SeparatesStdoutFromStderrAndReportsTheExitCode()
    {
        var outcome = await _run.RunAsync(_run.Request("sh", "-c", "echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2"));

        Assert.Equal("out-1\nout-2\n", outcome.Stdout);
        Assert.Equal("err-1\nerr-2\n", outcome.Stderr);
        Assert.Equal(new ContainerExit(0, OomKilled: false), outcome.Exit);
    }

    [Fact]
    public async Task Run_NonZeroExitIsAResultNotAnError()
    {
        var outcome = await _run.RunAsync(_run.Request("sh", "-c", "exit 3"));

        Assert.Equal(new ContainerExit(3, OomKilled: false), outcome.Exit);
    }

    [Fact]
    public async Task Run_MemoryHogIsOomKilled()
    {
        var request = _run.Request("sh", "-c", "x=$(head -c 64000000 /dev/zero | tr '\\0' a); echo ${#x}") with { MemoryBytes = 16 * 1024 * 1024 };

        var outcome = await _run.RunAsync(request);

        Assert.True(outcome.Exit.OomKilled, $"expected an OOM kill, got {outcome.Exit}; stdout '{outcome.Stdout}'");
        Assert.Equal(137, outcome.Exit.ExitCode);
    }

    [Fact]
    public async Task Create_AppliesHardenedDefaults()
    {
        var request = _run.Request("true") with
        {
            MemoryBytes = 32 * 1024 * 1024,
            Cpus = 0.5,
            Pids = 50,
            AddCapabilities = ["NET_BIND_SERVICE"],
            Env = new Dictionary<string, string> { ["MODE"] = "full", ["EMPTY"] = "" },
            Workdir = "/tmp",
            User = "1000:1000",
        };

        var id = await _run.CreateAsync(request);

        using var inspect = JsonDocument.Parse(await DockerCli.RunAsync(["inspect", id]));
        var container = inspect.RootElement[0];
        var host = container.GetProperty("HostConfig");
        Assert.False(host.GetProperty("Privileged").GetBoolean());
        Assert.Equal(["ALL"], Strings(host.GetProperty("CapDrop")));
        Assert.Equal(["NET_BIND_SERVICE"], Strings(host.GetProperty("CapAdd")));
        Assert.Equal(["no-new-privileges"], Strings(host.GetProperty("SecurityOpt")));
        Assert.Equal(32 * 1024 * 1024, host.GetProperty("Memory").GetInt64());
        Assert.Equal(32 * 1024 * 1024, host.GetProperty("MemorySwap").GetInt64());
        Assert.Equal(500_000_000, host.GetProperty("NanoCpus").GetInt64());
        Assert.Equal(50, host.GetProperty("PidsLimit").GetInt64());
        Assert.Equal("none", host.GetProperty("NetworkMode").GetString());
        Assert.False(host.GetProperty("AutoRemove").GetBoolean());

        var config = container.GetProperty("Config");
        Assert.False(config.GetProperty("Tty").GetBoolean());
        Assert.False(config.GetProperty("OpenStdin").GetBoolean());
        Assert.Equal(["true"], Strings(config.GetProperty("Cmd")));
        Assert.Contains("MODE=full", Strings(config.GetProperty("Env")));
        Assert.Contains("EMPTY=", Strings(config.GetProperty("Env")));
        Assert.Equal("/tmp", config.GetProperty("WorkingDir").GetString());
        Assert.Equal("1000:1000", config.GetProperty("User").GetString());
        Assert.Equal(_run.RunLabel, config.GetProperty("Labels").GetProperty(DockhandLabels.Run).GetString());
        Assert.Equal("/" + request.Name, container.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Stop_KillsAContainerThatIgnoresSigtermAfterTheGrace()
    {
        // sleep as PID 1 has no SIGTERM handler, so the kernel ignores SIGTERM: only the kill ends it.
        var id = await _run.CreateAsync(_run.Request("sleep", "1000"));
        await fixture.Engine.StartContainerAsync(id, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await fixture.Engine.StopContainerAsync(id, TimeSpan.FromSeconds(1), CancellationToken.None);
        var exit = await fixture.Engine.WaitContainerAsync(id, CancellationToken.None);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Equal(137, exit.ExitCode);
        Assert.False(exit.OomKilled);
    }

    [Fact]
    public async Task StopAndRemove_AContainerThatIsGoneIsFine()
    {
        var absent = EngineFixture.UniqueName("absent");

        await fixture.Engine.StopContainerAsync(absent, TimeSpan.FromSeconds(1), CancellationToken.None);
        await fixture.Engine.RemoveContainerAsync(absent, CancellationToken.None);

        var exited = await _run.RunAsync(_run.Request("true"));
        await fixture.Engine.StopContainerAsync(exited.Id, TimeSpan.FromSeconds(1), CancellationToken.None);
        await fixture.Engine.RemoveContainerAsync(exited.Id, CancellationToken.None);
        await fixture.Engine.RemoveContainerAsync(exited.Id, CancellationToken.None);
        Assert.Empty(await DockerCli.ContainerIdsAsync($"id={exited.Id}"));
    }

    [Fact]
    public async Task StreamOutput_CancellationStaysACancellation()
    {
        var id = await _run.CreateAsync(_run.Request("sh", "-c", "echo started; sleep 1000"));
        await fixture.Engine.StartContainerAsync(id, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fixture.Engine.StreamOutputAsync(id, (_, _) => ValueTask.CompletedTask, cancel.Token));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _run.RemoveAllAsync();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToArray();
}
