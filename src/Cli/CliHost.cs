namespace Dockhand.Cli;

/// <summary>
/// Everything the commands take from the outside world, so tests can run many CLIs in parallel:
/// where output goes, how HTTP requests leave the process, the environment, and timing.
/// </summary>
internal sealed record CliHost(
    TextWriter Out,
    TextWriter Error,
    HttpMessageHandler Network,
    Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>How long following waits between polls that found nothing new.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one request may take (an upload of a large context included).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The handler a real process uses: connection attempts give up well before the request timeout.</summary>
    public static HttpMessageHandler CreateNetwork() => new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
