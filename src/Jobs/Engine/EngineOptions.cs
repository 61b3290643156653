namespace Dockhand.Jobs.Engine;

/// <summary>How Dockhand reaches the Docker Engine (bound from the <c>Dockhand:Engine</c> section).</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Dockhand:Engine";

    /// <summary>The engine's endpoint (<c>unix:///var/run/docker.sock</c>, <c>tcp://host:2375</c>).
    /// Null: <c>DOCKER_HOST</c>, then the current Docker context, then the default unix socket.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How long a stopped container gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);
}
