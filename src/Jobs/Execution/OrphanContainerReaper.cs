using System.Globalization;
using Dockhand.Jobs.Engine;
using Dockhand.Jobs.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Removes this worker's containers whose attempt is no longer running: left behind when a
/// worker died between creating a container and removing it. Only containers labelled with
/// this worker's node are considered (another worker may share the engine), and containers
/// without Dockhand's labels are never touched: the engine lists only labelled ones.
/// </summary>
public sealed partial class OrphanContainerReaper(
    IContainerEngine engine,
    RunStore runs,
    IOptions<WorkerOptions> worker,
    IOptions<ReconcilerOptions> options,
    TimeProvider clock,
    ILogger<OrphanContainerReaper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await ReapAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The engine or the database is away; the next round tries again.
                LogRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round; returns the ids of the containers it removed.</summary>
    public async Task<IReadOnlyList<string>> ReapAsync(CancellationToken cancellationToken)
    {
        var removed = new List<string>();
        var node = worker.Value.Node;
        foreach (var container in await engine.ListDockhandContainersAsync(cancellationToken))
        {
            if (!container.Labels.TryGetValue(DockhandLabels.Node, out var owner) || owner != node
                || clock.GetUtcNow() - container.Created < options.Value.Grace)
            {
                continue;
            }
            if (await IsAttemptRunningAsync(container, cancellationToken))
            {
                continue;
            }
            await engine.RemoveContainerAsync(container.Id, cancellationToken);
            LogRemoved(container.Id, container.Name);
            removed.Add(container.Id);
        }
        return removed;
    }

    private async Task<bool> IsAttemptRunningAsync(LabelledContainer container, CancellationToken cancellationToken)
    {
        if (!container.Labels.TryGetValue(DockhandLabels.Run, out var runText) || !Guid.TryParse(runText, out var runId)
            || !container.Labels.TryGetValue(DockhandLabels.Attempt, out var attemptText)
            || !int.TryParse(attemptText, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return false; // Our node's label but not a run we can name: nothing can be waiting for it.
        }
        return await runs.GetAttemptStatusAsync(runId, attempt, cancellationToken) == AttemptStatus.Running;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed orphaned container {ContainerId} ({ContainerName}): its attempt is not running")]
    private partial void LogRemoved(string containerId, string containerName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphaned-container round failed; trying again at the next interval")]
    private partial void LogRoundFailed(Exception exception);
}
