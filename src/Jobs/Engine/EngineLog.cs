using Microsoft.Extensions.Logging;

namespace Dockhand.Jobs.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Building image {Tag} (Dockerfile {Dockerfile})")]
    public static partial void BuildStarted(ILogger logger, string tag, string dockerfile);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Built image {Tag} as {ImageId}")]
    public static partial void BuildSucceeded(ILogger logger, string tag, string imageId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Build of {Tag} failed: {EngineMessage}")]
    public static partial void BuildFailed(ILogger logger, string tag, string engineMessage);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Pulling image {Image}")]
    public static partial void PullStarted(ILogger logger, string image);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Pull of {Image} failed: {EngineMessage}")]
    public static partial void PullFailed(ILogger logger, string image, string engineMessage);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "Created container {ContainerId} ({ContainerName}) from {Image}")]
    public static partial void ContainerCreated(ILogger logger, string containerId, string containerName, string image);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "Engine warning for container {ContainerName}: {Warning}")]
    public static partial void ContainerCreateWarning(ILogger logger, string containerName, string warning);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Debug, Message = "Container {ContainerId} exited with {ExitCode} (OOM killed: {OomKilled})")]
    public static partial void ContainerExited(ILogger logger, string containerId, long exitCode, bool oomKilled);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Information, Message = "Stopping container {ContainerId} with {GraceSeconds} s grace")]
    public static partial void ContainerStopping(ILogger logger, string containerId, uint graceSeconds);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Debug, Message = "Container {ContainerId} was already gone or stopped ({Operation})")]
    public static partial void ContainerAlreadyGone(ILogger logger, string containerId, string operation);
}
