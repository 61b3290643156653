using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// Reads a pull's progress messages: each status ("abc123: Pull complete") is a log line,
/// download/extract progress-bar ticks are not; the first <c>error</c> is kept, since a refused
/// pull can arrive in the stream rather than as an HTTP error.
/// </summary>
internal sealed class PullProgress : IProgress<JSONMessage>
{
    private readonly LineRelay _relay;

    public PullProgress(LineRelay relay) => _relay = relay;

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        var error = value.Error?.Message;
        if (!string.IsNullOrWhiteSpace(error))
        {
            Error ??= error.Trim();
            _relay.Post(error.Trim());
            return;
        }

        if (string.IsNullOrWhiteSpace(value.Status) || IsProgressTick(value))
        {
            return;
        }

        _relay.Post(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");
    }

    public void Complete() => _relay.Complete();

    private static bool IsProgressTick(JSONMessage value) =>
        value.Progress is { } progress && (progress.Current > 0 || progress.Total > 0);
}
