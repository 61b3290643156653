namespace Dockhand.Jobs.Engine;

/// <summary>The engine could not be reached or answered with an unexpected error: an infra failure.</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The engine refused the build (a failing step, a missing Dockerfile): a build failure.</summary>
public sealed class BuildFailedException : Exception
{
    public BuildFailedException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The image could not be pulled (absent, unauthorised): a pull failure.</summary>
public sealed class PullFailedException : Exception
{
    public PullFailedException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The engine refused to create the container (no command, an invalid setting, a name in use).</summary>
public sealed class ContainerCreateFailedException : Exception
{
    public ContainerCreateFailedException(string message, Exception? inner = null) : base(message, inner) { }
}
