using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

[Collection(EngineCollection.Name)]
public sealed class PullImageTests(EngineFixture engine, RegistryFixture registries) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private static readonly RegistryCredential RightCredential = new(LocalRegistry.Username, LocalRegistry.Password);

    private readonly List<string> _lines = [];

    [Fact]
    public async Task Pull_WithTheRightCredentialBringsTheImageAndLogsStatus()
    {
        await engine.Engine.PullImageAsync(registries.AuthenticatedImage, RightCredential, Collect, CancellationToken.None);

        Assert.True(await engine.Engine.ImageExistsAsync(registries.AuthenticatedImage, CancellationToken.None));
        Assert.Contains(_lines, line => line.Contains("Status: Downloaded newer image", StringComparison.Ordinal) ||
                                        line.Contains("Status: Image is up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_FromAnOpenRegistryNeedsNoCredential()
    {
        await engine.Engine.PullImageAsync(registries.OpenImage, credential: null, Collect, CancellationToken.None);

        Assert.True(await engine.Engine.ImageExistsAsync(registries.OpenImage, CancellationToken.None));
    }

    [Fact]
    public async Task Pull_WithAWrongPasswordIsAPullFailure()
    {
        var wrong = RightCredential with { Password = "not-the-password" };

        var failure = await Assert.ThrowsAsync<PullFailedException>(
            () => engine.Engine.PullImageAsync(registries.AuthenticatedImage, wrong, Collect, CancellationToken.None));

        Assert.Contains("unauthorized", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(await engine.Engine.ImageExistsAsync(registries.AuthenticatedImage, CancellationToken.None));
    }

    [Fact]
    public async Task Pull_WithoutACredentialFromAnAuthenticatedRegistryIsAPullFailure()
    {
        await Assert.ThrowsAsync<PullFailedException>(
            () => engine.Engine.PullImageAsync(registries.AuthenticatedImage, credential: null, Collect, CancellationToken.None));
    }

    [Fact]
    public async Task Pull_OfAMissingTagIsAPullFailure()
    {
        var missing = $"{registries.Authenticated.Address}/dockhand/busybox:no-such-tag";

        var failure = await Assert.ThrowsAsync<PullFailedException>(
            () => engine.Engine.PullImageAsync(missing, RightCredential, Collect, CancellationToken.None));

        Assert.Contains("not found", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => DockerCli.RemoveImagesAsync(registries.AuthenticatedImage, registries.OpenImage);

    private ValueTask Collect(string line, CancellationToken cancellationToken)
    {
        _lines.Add(line);
        return ValueTask.CompletedTask;
    }
}
