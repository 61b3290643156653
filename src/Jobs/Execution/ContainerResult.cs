namespace Dockhand.Jobs.Execution;

/// <summary>How the container of an attempt ended.</summary>
public sealed record ContainerResult(long ExitCode, bool OomKilled, bool TimedOut);

/// <summary>The spec asks for something this worker's policy does not allow (a network, a secret it does not hold). Retrying cannot help.</summary>
public sealed class PolicyViolationException(string message) : Exception(message);
