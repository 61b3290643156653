namespace Dockhand.Jobs.Engine;

/// <summary>How Dockhand reaches the Docker Engine (bound from the <c>Dockhand:Engine</c> section).</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Dockhand:Engine";

    /// <summary>The engine's endpoint (<c>unix:///var/run/docker.sock</c>, <c>tcp://host:2375</c>).
    /// Null: <c>DOCKER_HOST</c>, then the current Docker context, then the default unix socket.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Deadline of one ordinary engine request (inspect, create, start...). Null keeps the
    /// client's default. Waiting for a container and following its output are not bounded by it.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>How long a stopped container gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);
}
