using Dockhand.Jobs.Engine;
using Dockhand.Jobs.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Runs an attempt's container: create with the hardened defaults, start, stream its output
/// into the attempt's log, wait for the exit code; on timeout or cancellation stop (SIGTERM,
/// then SIGKILL after the grace); remove it whatever happened.
/// </summary>
public sealed class ContainerRunner(
    IContainerEngine engine,
    RunStore runs,
    IOptions<WorkerOptions> worker,
    IOptions<ContainerPolicyOptions> policy,
    IConfiguration configuration)
{
    /// <summary>
    /// After the container exits its output stream ends by itself, once the engine has handed
    /// over everything it logged; for a flood of short lines that can take minutes. This only
    /// bounds the wait for a stream that never ends.
    /// </summary>
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromMinutes(10);

    public async Task<ContainerResult> RunAsync(AttemptLease lease, string image, AttemptLog log, CancellationToken cancellationToken)
    {
        var request = BuildRequest(lease, image);
        var containerId = await engine.CreateContainerAsync(request, cancellationToken);
        using var outputStop = new CancellationTokenSource();
        try
        {
            await engine.StartContainerAsync(containerId, cancellationToken);
            await runs.MarkContainerStartedAsync(lease, containerId, cancellationToken);
            await log.WriteSystemLineAsync($"container {containerId[..12]} started from {image}", cancellationToken);

            // Output is read until the container's streams close, not until our tokens fire, so
            // a stopped container's last words are still kept.
            var output = engine.StreamOutputAsync(containerId,
                (chunk, ct) => new ValueTask(log.WriteAsync(chunk.Stream == OutputStream.Stdout ? LogStream.Stdout : LogStream.Stderr, chunk.Bytes, ct)),
                outputStop.Token);

            var (exit, timedOut) = await WaitWithTimeoutAsync(containerId, lease.Spec.Run.Timeout, log, cancellationToken);
            await DrainAsync(output, outputStop, log);
            await runs.MarkContainerFinishedAsync(lease, CancellationToken.None);
            return new ContainerResult(exit.ExitCode, exit.OomKilled, timedOut);
        }
        finally
        {
            await outputStop.CancelAsync();
            await engine.RemoveContainerAsync(containerId, CancellationToken.None);
        }
    }

    private async Task<(ContainerExit Exit, bool TimedOut)> WaitWithTimeoutAsync(string containerId, TimeSpan timeout, AttemptLog log, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return (await engine.WaitContainerAsync(containerId, linked.Token), false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await log.WriteSystemLineAsync($"run.timeout: still running after {timeout:c}; stopping the container", CancellationToken.None);
            await engine.StopContainerAsync(containerId, worker.Value.StopGrace, CancellationToken.None);
            return (await engine.WaitContainerAsync(containerId, CancellationToken.None), true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await engine.StopContainerAsync(containerId, worker.Value.StopGrace, CancellationToken.None);
            throw;
        }
    }

    private static async Task DrainAsync(Task output, CancellationTokenSource outputStop, AttemptLog log)
    {
        if (await Task.WhenAny(output, Task.Delay(OutputDrainLimit, CancellationToken.None)) != output)
        {
            await outputStop.CancelAsync();
            await log.WriteSystemLineAsync($"the container's output was still arriving {OutputDrainLimit:c} after it exited; the rest is not kept", CancellationToken.None);
        }
        try
        {
            await output;
        }
        catch (OperationCanceledException) when (outputStop.IsCancellationRequested)
        {
            // Stopped waiting for an output stream that outlived its container.
        }
    }

    private ContainerRequest BuildRequest(AttemptLease lease, string image)
    {
        var run = lease.Spec.Run;
        if (!policy.Value.AllowsNetwork(run.Network))
        {
            throw new PolicyViolationException($"run.network: \"{run.Network}\" is not allowed on this worker (Dockhand:Containers:AllowedNetworks)");
        }
        var env = new Dictionary<string, string>(run.Env, StringComparer.Ordinal);
        foreach (var name in run.SecretEnv)
        {
            env[name] = configuration[$"Dockhand:Secrets:{name}"]
                ?? throw new PolicyViolationException($"run.secretEnv: this worker holds no secret named {name} (Dockhand:Secrets:{name})");
        }
        var labels = new Dictionary<string, string>(lease.Spec.Labels, StringComparer.Ordinal)
        {
            [DockhandLabels.Run] = lease.RunId.ToString(),
            [DockhandLabels.Attempt] = lease.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [DockhandLabels.Node] = lease.Node,
        };
        return new ContainerRequest(
            Name: $"dockhand-{lease.RunId:N}-{lease.Number}",
            Image: image,
            Command: run.Command,
            Entrypoint: run.Entrypoint,
            Env: env,
            Workdir: run.Workdir,
            User: run.User,
            Network: run.Network,
            MemoryBytes: run.Resources.MemoryBytes,
            Cpus: run.Resources.Cpus,
            Pids: run.Resources.Pids,
            AddCapabilities: policy.Value.AddCapabilities,
            Labels: labels);
    }
}
