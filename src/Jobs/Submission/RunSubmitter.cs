using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Specs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Submission;

/// <summary>
/// Turns a validated spec (and, for a build, its packed context) into a queued run: the
/// context is stored once by digest, the run row is written, then one Hangfire job whose only
/// argument is the run id is enqueued on the spec's queue.
/// </summary>
public sealed class RunSubmitter(
    RunStore runs,
    ContextStore contexts,
    IBackgroundJobClient jobs,
    IOptions<ContainerPolicyOptions> policy)
{
    public async Task<Guid> SubmitAsync(JobSpec spec, PackedContext? context, CancellationToken cancellationToken)
    {
        var problems = Check(spec, context);
        if (problems.Count > 0)
        {
            throw new SubmissionRejectedException(problems);
        }
        if (context is not null)
        {
            await contexts.SaveAsync(context, cancellationToken);
        }

        var runId = Guid.CreateVersion7();
        await runs.CreateRunAsync(runId, spec, context?.Digest, cancellationToken);
        try
        {
            var jobId = jobs.Enqueue<RunJob>(spec.Queue, job => job.ExecuteAsync(runId, null, CancellationToken.None));
            await runs.SetHangfireJobIdAsync(runId, jobId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run row exists but no job will ever run it: say so instead of leaving it Queued.
            await runs.FailUnqueuedRunAsync(runId, $"could not be queued: {e.Message}", CancellationToken.None);
            throw;
        }
        return runId;
    }

    private List<SpecError> Check(JobSpec spec, PackedContext? context)
    {
        var problems = new List<SpecError>();
        if (spec.Build is not null && context is null)
        {
            problems.Add(new SpecError("context", "the spec has a build section: upload its build context with it"));
        }
        if (spec.Build is null && context is not null)
        {
            problems.Add(new SpecError("context", "a context was uploaded but the spec pulls an image (no build section)"));
        }
        if (!policy.Value.AllowsNetwork(spec.Run.Network))
        {
            problems.Add(new SpecError("run.network", $"\"{spec.Run.Network}\" is not allowed by this installation (Dockhand:Containers:AllowedNetworks)"));
        }
        return problems;
    }
}
