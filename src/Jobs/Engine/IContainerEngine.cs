namespace Dockhand.Jobs.Engine;

/// <summary>
/// The narrow face of the Docker Engine that Dockhand needs. It is an interface because the
/// engine is another process: the real implementation is <see cref="DockerContainerEngine"/>,
/// the only code in Dockhand that sees Docker.DotNet. It speaks in our own small records.
/// An unreachable or failing engine is an <see cref="EngineUnavailableException"/>; a build or
/// pull the engine refuses is a <see cref="BuildFailedException"/> / <see cref="PullFailedException"/>.
/// </summary>
public interface IContainerEngine
{
    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>Builds <paramref name="request"/>'s tag from a plain tar of the context, calling
    /// <paramref name="onLog"/> with each line of build output as it arrives. A failing step
    /// throws <see cref="BuildFailedException"/> carrying the engine's message; no intermediate
    /// containers are left behind.</summary>
    Task<BuiltImage> BuildImageAsync(BuildRequest request, Stream contextTar, Func<string, CancellationToken, ValueTask> onLog, CancellationToken cancellationToken);

    /// <summary>Pulls <paramref name="image"/>; a missing image or refused credential throws <see cref="PullFailedException"/>.</summary>
    Task PullImageAsync(string image, RegistryCredential? credential, Func<string, CancellationToken, ValueTask> onLog, CancellationToken cancellationToken);

    /// <summary>Creates (does not start) a container with Dockhand's hardened defaults and labels.</summary>
    Task<string> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Follows stdout and stderr until the container's output ends, handing over raw
    /// chunks as they arrive (the buffer is reused: copy what you keep).</summary>
    Task StreamOutputAsync(string containerId, Func<OutputChunk, CancellationToken, ValueTask> onChunk, CancellationToken cancellationToken);

    /// <summary>Waits for the container to exit and reports how it ended.</summary>
    Task<ContainerExit> WaitContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Stops with SIGTERM, then kills after <paramref name="grace"/>. A container already gone is fine.</summary>
    Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes the container (forced). A container already gone is fine.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Containers carrying Dockhand's run label, running or not.</summary>
    Task<IReadOnlyList<LabelledContainer>> ListDockhandContainersAsync(CancellationToken cancellationToken);
}
