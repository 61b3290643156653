using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Specs;
using Dockhand.Jobs.Submission;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dockhand.Dashboard.Api;

/// <summary>The REST API over runs: submit, read, follow logs, cancel.</summary>
internal static class RunsEndpoints
{
    private const int MaxLogPage = 1000;

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs");
        runs.MapPost("/", SubmitAsync).DisableAntiforgery();
        runs.MapGet("/{id:guid}", GetAsync);
        runs.MapGet("/{id:guid}/logs", GetLogsAsync);
        runs.MapPost("/{id:guid}/cancel", CancelAsync);
        return app;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, RunSubmitter submitter, RunStore store, IOptions<ContextOptions> contextOptions, CancellationToken cancellationToken)
    {
        var submission = await SubmissionReader.ReadAsync(request, contextOptions.Value.MaxBytes, cancellationToken);
        if (submission.Problem is { } problem)
        {
            return problem;
        }
        await using var context = submission.Context;
        try
        {
            var runId = await submitter.SubmitAsync(submission.Spec!, context, cancellationToken);
            var run = await store.GetRunAsync(runId, cancellationToken);
            return Results.Created($"/api/runs/{runId}", RunView.From(run!));
        }
        catch (SubmissionRejectedException e)
        {
            return Problems.Invalid("The job spec cannot be accepted", e.Errors);
        }
    }

    private static async Task<IResult> GetAsync(Guid id, RunStore store, CancellationToken cancellationToken) =>
        await store.GetRunAsync(id, cancellationToken) is { } run ? Results.Ok(RunView.From(run)) : Problems.RunNotFound(id);

    private static async Task<IResult> GetLogsAsync(Guid id, RunStore store, LogStore logs, long? after, int? limit, string? stream, CancellationToken cancellationToken)
    {
        LogStream? only = null;
        if (stream is not null)
        {
            if (!Enum.TryParse<LogStream>(stream, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid("Bad log request", [new SpecError("stream", $"\"{stream}\" is not one of build, stdout, stderr, system")]);
            }
            only = parsed;
        }
        if (after is < 0 || limit is < 1 or > MaxLogPage)
        {
            return Problems.Invalid("Bad log request", [new SpecError(after is < 0 ? "after" : "limit",
                after is < 0 ? "must be 0 or more" : $"must be between 1 and {MaxLogPage}")]);
        }
        // Read the run's status (only that: followers poll several times a second) before the
        // page: if it is final now, every chunk was written before, so an empty page is the end.
        if (await store.GetRunStatusAsync(id, cancellationToken) is not { } status)
        {
            return Problems.RunNotFound(id);
        }
        var page = await logs.ReadAsync(id, after ?? 0, limit ?? MaxLogPage, only, cancellationToken);
        var entries = page.Entries.Select(e => new LogEntryView(e.Position, e.Attempt, LogStore.ToText(e.Stream), e.At, e.Text)).ToList();
        return Results.Ok(new LogPageView(id, entries, page.Next, RunRecord.IsFinal(status) && entries.Count == 0));
    }

    private static async Task<IResult> CancelAsync(Guid id, RunStore store, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(id, cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }
        if (run.IsFinished)
        {
            return Results.Conflict(new { title = $"run {id} is already {run.Status}", status = 409 });
        }
        // Deleting the Hangfire job fires the running attempt's token: it stops the container
        // and records itself as cancelled.
        if (run.HangfireJobId is { } jobId)
        {
            jobs.Delete(jobId);
        }
        await store.CancelRunAsync(id, "cancelled through the API", cancellationToken);
        return Results.Accepted($"/api/runs/{id}", RunView.From((await store.GetRunAsync(id, cancellationToken))!));
    }
}
