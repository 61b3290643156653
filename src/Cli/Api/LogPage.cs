namespace Dockhand.Cli.Api;

/// <summary>One page of <c>GET /api/runs/{id}/logs</c>. <see cref="Next"/> is the <c>after</c> of
/// the following request; <see cref="Finished"/> says the run has ended and nothing follows.</summary>
internal sealed record LogPage
{
    public Guid RunId { get; init; }
    public IReadOnlyList<LogEntry> Entries { get; init; } = [];
    public long Next { get; init; }
    public bool Finished { get; init; }
}

/// <summary>A chunk of one stream; it may hold several lines or part of one.</summary>
internal sealed record LogEntry
{
    public long Position { get; init; }
    public int Attempt { get; init; }
    public string Stream { get; init; } = LogStreams.System;
    public DateTimeOffset At { get; init; }
    public string Text { get; init; } = "";
}

internal static class LogStreams
{
    public const string Build = "build";
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
    public const string System = "system";

    public static readonly string[] All = [Build, Stdout, Stderr, System];
}
