using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

internal sealed partial class DockerContainerEngine
{
    public async Task<string> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CreateContainerResponse created;
        try
        {
            created = await _client.Containers.CreateContainerAsync(ContainerConfigFactory.Create(request), cancellationToken);
        }
        catch (DockerApiException exception) when (exception is DockerImageNotFoundException || exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PullFailedException($"Image {request.Image} is not present on the engine.", exception);
        }
        catch (DockerApiException exception) when (exception.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            // "No command specified", an unknown capability, a name already in use: the request's fault.
            throw new ContainerCreateFailedException(
                $"The engine refused to create container {request.Name} from {request.Image}: {EngineErrors.EngineMessage(exception)}", exception);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"create container {request.Name}", exception, cancellationToken);
        }

        foreach (var warning in created.Warnings ?? [])
        {
            EngineLog.ContainerCreateWarning(_logger, request.Name, warning);
        }

        EngineLog.ContainerCreated(_logger, created.ID, request.Name, request.Image);
        return created.ID;
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            // False means "already started" (304): nothing to do.
            await _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);
        }
        catch (DockerApiException exception) when (IsStartRefusal(exception))
        {
            throw new ContainerCreateFailedException(
                $"Container {containerId} could not start: {EngineErrors.EngineMessage(exception)}", exception);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"start container {containerId}", exception, cancellationToken);
        }
    }

    public async Task<ContainerExit> WaitContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var waited = await _client.Containers.WaitContainerAsync(containerId, cancellationToken);
            // The wait response does not say why the process died: only inspect knows about OOM.
            var inspected = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
            var exit = new ContainerExit(waited.StatusCode, inspected.State?.OOMKilled ?? false);
            EngineLog.ContainerExited(_logger, containerId, exit.ExitCode, exit.OomKilled);
            return exit;
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"wait for container {containerId}", exception, cancellationToken);
        }
    }

    public async Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var graceSeconds = (uint)Math.Clamp(Math.Ceiling(grace.TotalSeconds), 0, uint.MaxValue);
        EngineLog.ContainerStopping(_logger, containerId, graceSeconds);
        try
        {
            var stopped = await _client.Containers.StopContainerAsync(
                containerId, new ContainerStopParameters { WaitBeforeKillSeconds = graceSeconds }, cancellationToken);
            if (!stopped)
            {
                EngineLog.ContainerAlreadyGone(_logger, containerId, "stop");
            }
        }
        catch (DockerApiException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NotModified)
        {
            EngineLog.ContainerAlreadyGone(_logger, containerId, "stop");
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"stop container {containerId}", exception, cancellationToken);
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(
                containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound || IsRemovalInProgress(exception))
        {
            EngineLog.ContainerAlreadyGone(_logger, containerId, "remove");
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"remove container {containerId}", exception, cancellationToken);
        }
    }

    private static bool IsRemovalInProgress(DockerApiException exception) =>
        exception.StatusCode == HttpStatusCode.Conflict &&
        EngineErrors.EngineMessage(exception).Contains("already in progress", StringComparison.OrdinalIgnoreCase);

    // The runtime could not exec the command (no such file, not executable, bad user): the
    // job's fault, reported by the engine as 400 or as a 500 naming the OCI runtime.
    private static bool IsStartRefusal(DockerApiException exception) =>
        exception.StatusCode == HttpStatusCode.BadRequest ||
        EngineErrors.EngineMessage(exception).Contains("OCI runtime", StringComparison.OrdinalIgnoreCase);
}
