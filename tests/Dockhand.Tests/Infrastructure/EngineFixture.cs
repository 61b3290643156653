using Dockhand.Jobs.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// The real engine, reached the way the worker reaches it (DOCKER_HOST or the default socket).
/// Fails, never skips, when the engine or the local busybox image is missing.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string BusyboxImage = "dockhand/busybox:local";

    internal DockerContainerEngine Engine { get; } = new(new EngineOptions(), NullLogger<DockerContainerEngine>.Instance);

    public async Task InitializeAsync()
    {
        bool hasBusybox;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            hasBusybox = await Engine.ImageExistsAsync(BusyboxImage, timeout.Token);
        }
        catch (Exception exception) when (exception is EngineUnavailableException or OperationCanceledException)
        {
            throw new InvalidOperationException(
                "The Docker Engine does not answer (DOCKER_HOST or the default unix socket). Start it with scripts/engine.sh. " +
                exception.Message, exception);
        }

        if (!hasBusybox)
        {
            throw new InvalidOperationException($"The image {BusyboxImage} is missing. Build it with scripts/images.sh.");
        }
    }

    public Task DisposeAsync()
    {
        Engine.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A name no other test (or test run) uses: for containers, tags and labels.</summary>
    public static string UniqueName(string purpose) => $"dockhand-test-{purpose}-{Guid.NewGuid().ToString("N")[..12]}";
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Docker engine";
}
