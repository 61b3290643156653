using Dockhand.Jobs.Execution;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

public sealed class ReaperFixture : DockhandFixture
{
    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings["Dockhand:Reconciler:Grace"] = "00:00:00";
        return settings;
    }
}

[Collection(SequentialCollection.Name)]
public sealed class OrphanContainerTests(ReaperFixture fixture) : DockhandTest<ReaperFixture>(fixture)
{
    [Fact]
    public async Task ContainerOfThisNodeWhoseAttemptIsNotRunning_IsRemoved_OthersAreLeftAlone()
    {
        var node = Fixture.App.Node;
        var orphan = await CreateAsync(["--label", $"io.dockhand.run={Guid.NewGuid()}", "--label", "io.dockhand.attempt=1", "--label", $"io.dockhand.node={node}"]);
        var otherNode = await CreateAsync(["--label", $"io.dockhand.run={Guid.NewGuid()}", "--label", "io.dockhand.attempt=1", "--label", "io.dockhand.node=some-other-worker"]);
        var notOurs = await CreateAsync(["--label", "team=data"]);
        try
        {
            var removed = await Fixture.App.Service<OrphanContainerReaper>().ReapAsync(CancellationToken.None);

            Assert.Equal([orphan], removed);
            Assert.Empty(await DockerCli.ContainerIdsAsync($"id={orphan}"));
            Assert.Single(await DockerCli.ContainerIdsAsync($"id={otherNode}"));
            Assert.Single(await DockerCli.ContainerIdsAsync($"id={notOurs}"));
        }
        finally
        {
            await DockerCli.RemoveContainersAsync(orphan, otherNode, notOurs);
        }
    }

    private static async Task<string> CreateAsync(string[] labels) =>
        (await DockerCli.RunAsync(["create", .. labels, "--network", "none", "dockhand/busybox:local", "sleep", "600"])).Trim();
}
