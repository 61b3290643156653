namespace Dockhand.Jobs.Runs;

/// <summary>Bound from <c>Dockhand:Logs</c>.</summary>
public sealed class LogOptions
{
    /// <summary>Build and container output kept per attempt; past it the rest is discarded and a marker says so.</summary>
    public long MaxBytesPerAttempt { get; set; } = 16L * 1024 * 1024;

    /// <summary>A stream's pending text is written once it reaches this many characters.</summary>
    public int FlushThreshold { get; set; } = 64 * 1024;

    /// <summary>Pending text is written at least this often, so followers see output promptly.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
