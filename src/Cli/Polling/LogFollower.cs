using Dockhand.Cli.Api;
using Dockhand.Cli.Output;

namespace Dockhand.Cli.Polling;

/// <summary>
/// Reads a run's log page by page from position 0. Without <c>follow</c> it stops at the first page
/// that brings nothing new; with it, it waits <c>pollInterval</c> between empty pages until the
/// server says the run is finished and nothing follows.
/// </summary>
internal sealed class LogFollower(DockhandApiClient api, LogPrinter printer, TimeSpan pollInterval)
{
    public const int PageSize = 500;

    public async Task PrintAsync(string runId, string? stream, bool follow, CancellationToken ct)
    {
        long after = 0;
        long? lastPrinted = null;
        try
        {
            while (true)
            {
                var page = await api.GetLogsAsync(runId, after, PageSize, stream, ct);
                var printedAny = false;
                foreach (var entry in page.Entries.OrderBy(e => e.Position))
                {
                    // A server that repeats an entry across pages must not make us print it twice.
                    if (entry.Position <= lastPrinted) continue;
                    printer.Write(entry);
                    lastPrinted = entry.Position;
                    printedAny = true;
                }

                var progressed = printedAny || page.Next > after;
                after = Math.Max(after, Math.Max(page.Next, lastPrinted ?? 0));
                if (page.Finished) return;
                if (progressed) continue;
                if (!follow) return;
                await Task.Delay(pollInterval, ct);
            }
        }
        finally
        {
            printer.Complete();
        }
    }
}
