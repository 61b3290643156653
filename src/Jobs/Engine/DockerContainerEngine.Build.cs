using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

internal sealed partial class DockerContainerEngine
{
    public async Task<BuiltImage> BuildImageAsync(
        BuildRequest request, Stream contextTar, Func<string, CancellationToken, ValueTask> onLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EngineLog.BuildStarted(_logger, request.Tag, request.Dockerfile);

        using var relay = new LineRelay(onLog);
        var progress = new BuildProgress(relay);
        var relaying = relay.RunAsync(cancellationToken);
        try
        {
            // The 6-argument overload reports each message synchronously and in order; a failing
            // step does not throw, it arrives as a message with Error set.
            await _client.Images.BuildImageFromDockerfileAsync(
                ToBuildParameters(request), contextTar, authConfigs: null, headers: null, progress, cancellationToken);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            progress.Complete();
            // A failing onLog (or the caller's cancellation) stopped the relay and so the build:
            // awaiting the relay rethrows that, the real cause. Otherwise the log drains first.
            await relaying;
            throw TranslateBuildFailure(request.Tag, exception, cancellationToken);
        }

        progress.Complete();
        await relaying;

        if (progress.Error is { } error)
        {
            EngineLog.BuildFailed(_logger, request.Tag, error);
            throw new BuildFailedException(error);
        }

        var imageId = await InspectBuiltImageAsync(request.Tag, cancellationToken);
        EngineLog.BuildSucceeded(_logger, request.Tag, imageId);
        return new BuiltImage(request.Tag, imageId);
    }

    private static ImageBuildParameters ToBuildParameters(BuildRequest request) => new()
    {
        Tags = [request.Tag],
        Dockerfile = request.Dockerfile,
        BuildArgs = new Dictionary<string, string>(request.Args, StringComparer.Ordinal),
        Labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal),
        Target = string.IsNullOrEmpty(request.Target) ? null : request.Target,
        NoCache = request.NoCache,
        // Intermediate containers go away whether the build succeeds (Remove) or fails (ForceRemove).
        Remove = true,
        ForceRemove = true,
    };

    private Exception TranslateBuildFailure(string tag, Exception exception, CancellationToken cancellationToken)
    {
        // The engine refuses a build it cannot start (no such Dockerfile, a parse error) with a
        // 4xx, or a 500 that names the Dockerfile: the spec's fault, not the engine's.
        if (exception is DockerApiException api &&
            ((int)api.StatusCode is >= 400 and < 500 ||
             EngineErrors.EngineMessage(api).Contains("dockerfile", StringComparison.OrdinalIgnoreCase)))
        {
            var message = EngineErrors.EngineMessage(api);
            EngineLog.BuildFailed(_logger, tag, message);
            return new BuildFailedException(message, api);
        }

        return EngineErrors.Unavailable($"build image {tag}", exception, cancellationToken);
    }

    private async Task<string> InspectBuiltImageAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            var image = await _client.Images.InspectImageAsync(tag, cancellationToken);
            return image.ID;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BuildFailedException($"The build reported success but image {tag} does not exist.", exception);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"inspect built image {tag}", exception, cancellationToken);
        }
    }
}
