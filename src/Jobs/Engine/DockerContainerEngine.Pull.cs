using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

internal sealed partial class DockerContainerEngine
{
    public async Task PullImageAsync(
        string image, RegistryCredential? credential, Func<string, CancellationToken, ValueTask> onLog, CancellationToken cancellationToken)
    {
        EngineLog.PullStarted(_logger, image);
        var parameters = new ImagesCreateParameters { FromImage = ImageReference.WithDefaultTag(image) };
        var auth = credential is null ? null : new AuthConfig
        {
            Username = credential.Username,
            Password = credential.Password,
            ServerAddress = credential.ServerAddress ?? ImageReference.Registry(image),
        };

        using var relay = new LineRelay(onLog);
        var progress = new PullProgress(relay);
        var relaying = relay.RunAsync(cancellationToken);
        try
        {
            await _client.Images.CreateImageAsync(parameters, auth, progress, cancellationToken);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            progress.Complete();
            await relaying;
            throw TranslatePullFailure(image, exception, cancellationToken);
        }

        progress.Complete();
        await relaying;

        if (progress.Error is { } error)
        {
            EngineLog.PullFailed(_logger, image, error);
            throw EngineErrors.LooksLikePullRefusal(error)
                ? new PullFailedException($"Pull of {image} failed: {error}")
                : new EngineUnavailableException($"Docker engine failed to pull {image}: {error}");
        }
    }

    private Exception TranslatePullFailure(string image, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is DockerApiException api &&
            (api is DockerImageNotFoundException ||
             (int)api.StatusCode is >= 400 and < 500 ||
             EngineErrors.LooksLikePullRefusal(EngineErrors.EngineMessage(api))))
        {
            var message = EngineErrors.EngineMessage(api);
            EngineLog.PullFailed(_logger, image, message);
            return new PullFailedException($"Pull of {image} failed: {message}", api);
        }

        return EngineErrors.Unavailable($"pull image {image}", exception, cancellationToken);
    }
}
