using Dockhand.Cli.Api;

namespace Dockhand.Cli.Polling;

/// <summary>Polls a run until it reaches a terminal status (Succeeded, Failed, Cancelled).</summary>
internal sealed class RunWaiter(DockhandApiClient api, TimeSpan pollInterval)
{
    public async Task<RunView> WaitAsync(string runId, CancellationToken ct)
    {
        while (true)
        {
            var run = await api.GetRunAsync(runId, ct);
            if (run.IsFinished) return run;
            await Task.Delay(pollInterval, ct);
        }
    }
}
