using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class ContainerLifecycleTests(EngineFixture fixture) : IAsyncLifetime
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private readonly ContainerRun _run = new(fixture.Engine);
    private readonly string _noCommandTag = "dockhand-test/no-command:" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task List_FindsDockhandContainersRunningOrNot()
    {
        var request = _run.Request("sleep", "1000");
        var running = await _run.CreateAsync(request);
        await fixture.Engine.StartContainerAsync(running, CancellationToken.None);
        var created = await _run.CreateAsync(_run.Request("true"));

        var mine = (await fixture.Engine.ListDockhandContainersAsync(CancellationToken.None))
            .Where(container => container.Labels.GetValueOrDefault(DockhandLabels.Run) == _run.RunLabel)
            .ToDictionary(container => container.Id);

        Assert.Equal(2, mine.Count);
        Assert.True(mine[running].Running);
        Assert.Equal(request.Name, mine[running].Name);
        Assert.False(mine[created].Running);
        Assert.InRange(mine[created].Created, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task List_IgnoresContainersWithoutTheRunLabel()
    {
        var stranger = await _run.CreateAsync(_run.Request("true") with { Labels = new Dictionary<string, string>() });

        var all = await fixture.Engine.ListDockhandContainersAsync(CancellationToken.None);

        Assert.DoesNotContain(all, container => container.Id == stranger);
    }

    [Fact]
    public async Task Create_FromAnAbsentImageIsAPullFailure()
    {
        var missing = "dockhand-test/absent:" + Guid.NewGuid().ToString("N")[..12];

        var failure = await Assert.ThrowsAsync<PullFailedException>(
            () => _run.CreateAsync(_run.Request("true") with { Image = missing }));

        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutAnyCommandSaysSo()
    {
        // FROM scratch with a file: an image with neither CMD nor ENTRYPOINT.
        using var context = BuildContext.Tar(("Dockerfile", "FROM scratch\nCOPY note.txt /\n"), ("note.txt", "nothing to run"));
        await fixture.Engine.BuildImageAsync(new BuildRequest(_noCommandTag, "Dockerfile", None, null, false, None),
            context, (_, _) => ValueTask.CompletedTask, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ContainerCreateFailedException>(
            () => _run.CreateAsync(_run.Request() with { Image = _noCommandTag, Command = null }));

        Assert.Contains("No command specified", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_OfAMissingExecutableIsRefusedClearly()
    {
        var id = await _run.CreateAsync(_run.Request("/no/such/program"));

        var failure = await Assert.ThrowsAsync<ContainerCreateFailedException>(
            () => fixture.Engine.StartContainerAsync(id, CancellationToken.None));

        Assert.Contains("/no/such/program", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageExists_TellsPresentFromAbsent()
    {
        Assert.True(await fixture.Engine.ImageExistsAsync(EngineFixture.BusyboxImage, CancellationToken.None));
        Assert.False(await fixture.Engine.ImageExistsAsync("dockhand-test/absent:" + Guid.NewGuid().ToString("N")[..12], CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _run.RemoveAllAsync();
        await DockerCli.RemoveImagesAsync(_noCommandTag);
    }
}
