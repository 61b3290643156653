namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// Base of the end-to-end tests: after each test, no container labelled with this app's node is
/// left in the engine, whatever the test did.
/// </summary>
public abstract class DockhandTest<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : DockhandFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected RunsApiClient Api => Fixture.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var leftovers = await DockerCli.ContainerIdsAsync($"label=io.dockhand.node={Fixture.App.Node}");
        Assert.True(leftovers.Count == 0, $"containers left behind: {string.Join(", ", leftovers)}");
    }
}
