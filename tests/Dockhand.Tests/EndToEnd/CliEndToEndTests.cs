using System.Text.Json;
using Dockhand.Cli;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>The real `dockhand` command tree against the real API, worker, engine and database, on the repository's examples.</summary>
[Collection(SequentialCollection.Name)]
public sealed class CliEndToEndTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    private static readonly string Examples = Path.Combine(RepositoryRoot(), "examples");

    [Fact]
    public async Task SubmitHelloWithFollow_PrintsTheRunIdAndItsOutput_ExitsZero_AndLogsAndStatusAgree()
    {
        var submit = await RunCliAsync("submit", Path.Combine(Examples, "hello", "job.json"), "--context", Path.Combine(Examples, "hello"), "--follow");

        Assert.True(submit.ExitCode == 0, submit.ToString());
        var runId = Guid.Parse(submit.Out.Split('\n')[0]);
        Assert.Contains("Hello from Dockhand, world!", submit.Out, StringComparison.Ordinal);
        Assert.Contains("this line goes to stderr", submit.Error, StringComparison.Ordinal);

        var logs = await RunCliAsync("logs", runId.ToString(), "--stream", "stdout");
        Assert.Equal(0, logs.ExitCode);
        Assert.StartsWith("Hello from Dockhand, world!\n", logs.Out, StringComparison.Ordinal);

        var status = await RunCliAsync("status", runId.ToString(), "--json");
        Assert.Equal(0, status.ExitCode);
        var run = JsonDocument.Parse(status.Out).RootElement;
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Contains("running as uid 65534", logs.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFlakyWithWait_ExitsNonZero_AfterThreeAttempts()
    {
        var submit = await RunCliAsync("submit", Path.Combine(Examples, "flaky-exit3", "job.json"), "--context", Path.Combine(Examples, "flaky-exit3"), "--wait");

        Assert.Equal(1, submit.ExitCode);
        var run = await Api.GetAsync(Guid.Parse(submit.Out.Split('\n')[0]));
        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("attempts").GetArrayLength());
    }

    [Fact]
    public async Task SubmitMultistage_Succeeds()
    {
        var submit = await RunCliAsync("submit", Path.Combine(Examples, "multistage", "job.json"), "--context", Path.Combine(Examples, "multistage"), "--wait");

        Assert.True(submit.ExitCode == 0, submit.ToString());
        var runId = Guid.Parse(submit.Out.Split('\n')[0]);
        Assert.Contains("hello from a two-stage build", RunsApiClient.TextOf(await Api.LogsAsync(runId), "stdout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitMalformedSpec_PrintsTheFieldAndTheRule_ExitsTwo()
    {
        using var temp = new TempContext().With("bad.json", """{ "image": "dockhand/busybox:local", "run": { "timeout": "-00:00:01", "resources": { "memory": "12x" } } }""");

        var submit = await RunCliAsync("submit", Path.Combine(temp.Path, "bad.json"));

        Assert.Equal(2, submit.ExitCode);
        Assert.Equal("", submit.Out);
        Assert.StartsWith("dockhand: invalid spec:", submit.Error, StringComparison.Ordinal);
        Assert.Contains("run.timeout", submit.Error, StringComparison.Ordinal);
        Assert.Contains("run.resources.memory: \"12x\" is not a size like 512Mi", submit.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", submit.Error, StringComparison.Ordinal);
    }

    private async Task<CliOutcome> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new Dictionary<string, string> { ["DOCKHAND_URL"] = Fixture.App.Server.BaseAddress.ToString() };
        var host = new CliHost(stdout, stderr, Fixture.App.Server.CreateHandler(), name => environment.GetValueOrDefault(name))
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
        };
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var exitCode = await DockhandCli.RunAsync(args, host, guard.Token);
        return new CliOutcome(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Worker.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (with Worker.sln) is not above the test binaries");
    }

    private sealed record CliOutcome(int ExitCode, string Out, string Error);
}
