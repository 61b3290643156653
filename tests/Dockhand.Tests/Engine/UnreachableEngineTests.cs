using Dockhand.Jobs.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockhand.Tests.Engine;

public sealed class UnreachableEngineTests : IDisposable
{
    private readonly DockerContainerEngine _engine = new(
        new EngineOptions { Endpoint = new Uri($"unix:///tmp/dockhand-no-engine-{Guid.NewGuid():N}.sock") },
        NullLogger<DockerContainerEngine>.Instance);

    [Fact]
    public async Task AnUnreachableEngineIsAnInfraFailure()
    {
        var failure = await Assert.ThrowsAsync<EngineUnavailableException>(
            () => _engine.ImageExistsAsync("anything:1", CancellationToken.None));

        Assert.NotNull(failure.InnerException);
        Assert.DoesNotContain("Docker.DotNet", failure.GetType().FullName!, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EngineUnavailableException>(() => _engine.ListDockhandContainersAsync(CancellationToken.None));
        await Assert.ThrowsAsync<EngineUnavailableException>(() => _engine.StopContainerAsync("any", TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<EngineUnavailableException>(() => _engine.PullImageAsync(
            "127.0.0.1:1/none:1", null, (_, _) => ValueTask.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task CancellationIsNotMistakenForAnOutage()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.ImageExistsAsync("anything:1", cancelled.Token));
    }

    public void Dispose() => _engine.Dispose();
}
