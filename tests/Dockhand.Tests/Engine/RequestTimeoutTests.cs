using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockhand.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class RequestTimeoutTests : IAsyncLifetime, IDisposable
{
    private readonly DockerContainerEngine _engine = new(
        new EngineOptions { RequestTimeout = TimeSpan.FromSeconds(1) }, NullLogger<DockerContainerEngine>.Instance);

    private readonly ContainerRun _run;

    public RequestTimeoutTests() => _run = new ContainerRun(_engine);

    [Fact]
    public async Task Wait_OutlastsTheRequestTimeout()
    {
        var id = await _run.CreateAsync(_run.Request("sleep", "3"));
        await _engine.StartContainerAsync(id, CancellationToken.None);

        var exit = await _engine.WaitContainerAsync(id, CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
    }

    [Fact]
    public async Task Stop_GraceMayOutlastTheRequestTimeout()
    {
        var id = await _run.CreateAsync(_run.Request("sleep", "1000"));
        await _engine.StartContainerAsync(id, CancellationToken.None);

        await _engine.StopContainerAsync(id, TimeSpan.FromSeconds(3), CancellationToken.None);

        Assert.Equal(137, (await _engine.WaitContainerAsync(id, CancellationToken.None)).ExitCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _run.RemoveAllAsync();
    }

    public void Dispose() => _engine.Dispose();
}
