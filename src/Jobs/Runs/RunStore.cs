using Dockhand.Jobs.Specs;
using Npgsql;
using NpgsqlTypes;

namespace Dockhand.Jobs.Runs;

/// <summary>
/// Runs and attempts in Dockhand's own tables (Hangfire's job data expires; these do not).
/// Attempt writes are fenced: each carries the fence its attempt was given, and a write whose
/// fence is no longer the run's is refused with <see cref="StaleAttemptException"/>.
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    public async Task CreateRunAsync(Guid runId, JobSpec spec, string? contextDigest, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dockhand.runs (id, name, queue, spec, context_digest, status, labels)
            VALUES (@id, @name, @queue, @spec, @context, @status, @labels)
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("name", (object?)spec.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("queue", spec.Queue);
        command.Parameters.AddWithValue("spec", NpgsqlDbType.Jsonb, JobSpecJson.Serialize(spec));
        command.Parameters.AddWithValue("context", (object?)contextDigest ?? DBNull.Value);
        command.Parameters.AddWithValue("status", nameof(RunStatus.Queued));
        command.Parameters.AddWithValue("labels", NpgsqlDbType.Jsonb, System.Text.Json.JsonSerializer.Serialize(spec.Labels));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetHangfireJobIdAsync(Guid runId, string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE dockhand.runs SET hangfire_job_id = @job WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("job", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks a run that never reached the queue (enqueueing failed) so it is not left Queued forever.</summary>
    public async Task FailUnqueuedRunAsync(Guid runId, string message, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE dockhand.runs SET status = 'Failed', failure_class = 'infra', failure_message = @message, finished_at = now()
            WHERE id = @id AND status = 'Queued'
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("message", message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Starts the next attempt: bumps the fence, numbers the attempt, marks an attempt left
    /// Running by a worker that went away as Interrupted. Returns null when the run is unknown or
    /// already final (a job re-run after its run was cancelled, for example).
    /// </summary>
    public async Task<AttemptLease?> BeginAttemptAsync(Guid runId, string node, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using var claim = new NpgsqlCommand("""
            UPDATE dockhand.runs
            SET fence = fence + 1, status = 'Running', started_at = coalesce(started_at, now())
            WHERE id = @id AND status NOT IN ('Succeeded', 'Failed', 'Cancelled')
            RETURNING fence, spec::text, context_digest, attempts_used
            """, connection, transaction);
        claim.Parameters.AddWithValue("id", runId);
        long fence;
        string specJson;
        string? contextDigest;
        int attemptsUsed;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            fence = reader.GetInt64(0);
            specJson = reader.GetString(1);
            contextDigest = reader.IsDBNull(2) ? null : reader.GetString(2);
            attemptsUsed = reader.GetInt32(3);
        }

        await using var interrupt = new NpgsqlCommand("""
            UPDATE dockhand.attempts
            SET status = 'Interrupted', failure_class = 'infra', failure_message = 'the worker went away during this attempt', finished_at = now()
            WHERE run_id = @id AND status = 'Running'
            """, connection, transaction);
        interrupt.Parameters.AddWithValue("id", runId);
        await interrupt.ExecuteNonQueryAsync(cancellationToken);

        await using var insert = new NpgsqlCommand("""
            INSERT INTO dockhand.attempts (run_id, number, fence, node, status)
            SELECT @id, coalesce(max(number), 0) + 1, @fence, @node, 'Running' FROM dockhand.attempts WHERE run_id = @id
            RETURNING number
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", runId);
        insert.Parameters.AddWithValue("fence", fence);
        insert.Parameters.AddWithValue("node", node);
        var number = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);

        var spec = JobSpecParser.Parse(specJson).Spec
            ?? throw new InvalidOperationException($"run {runId}: its stored spec no longer parses");
        return new AttemptLease(runId, number, fence, node, spec, contextDigest, attemptsUsed);
    }

    public Task MarkImageStartedAsync(AttemptLease lease, CancellationToken cancellationToken) =>
        UpdateAttemptAsync(lease, "image_started_at = now()", null, cancellationToken);

    public Task MarkImageFinishedAsync(AttemptLease lease, string image, CancellationToken cancellationToken) =>
        UpdateAttemptAsync(lease, "image_finished_at = now(), image = @value", image, cancellationToken);

    public Task MarkContainerStartedAsync(AttemptLease lease, string containerId, CancellationToken cancellationToken) =>
        UpdateAttemptAsync(lease, "run_started_at = now(), container_id = @value", containerId, cancellationToken);

    public Task MarkContainerFinishedAsync(AttemptLease lease, CancellationToken cancellationToken) =>
        UpdateAttemptAsync(lease, "run_finished_at = now()", null, cancellationToken);

    public async Task RecordLogVolumeAsync(AttemptLease lease, long bytes, bool truncated, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE dockhand.attempts SET log_bytes = @bytes, log_truncated = @truncated
            WHERE run_id = @id AND number = @number AND fence = @fence
              AND fence = (SELECT fence FROM dockhand.runs WHERE id = @id)
            """);
        command.Parameters.AddWithValue("id", lease.RunId);
        command.Parameters.AddWithValue("number", lease.Number);
        command.Parameters.AddWithValue("fence", lease.Fence);
        command.Parameters.AddWithValue("bytes", bytes);
        command.Parameters.AddWithValue("truncated", truncated);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stores how the attempt ended and moves the run on, in one transaction, fenced.</summary>
    public async Task CompleteAttemptAsync(AttemptLease lease, AttemptOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var final = outcome.NextRunStatus is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

        await using var run = new NpgsqlCommand("""
            UPDATE dockhand.runs
            SET status = @status, exit_code = @exit, failure_class = @class, failure_message = @message,
                attempts_used = attempts_used + @counts,
                finished_at = CASE WHEN @final THEN now() ELSE NULL END
            WHERE id = @id AND fence = @fence
            """, connection, transaction);
        run.Parameters.AddWithValue("id", lease.RunId);
        run.Parameters.AddWithValue("fence", lease.Fence);
        run.Parameters.AddWithValue("status", outcome.NextRunStatus.ToString());
        run.Parameters.AddWithValue("exit", (object?)outcome.ExitCode ?? DBNull.Value);
        run.Parameters.AddWithValue("class", (object?)ToText(outcome.FailureClass) ?? DBNull.Value);
        run.Parameters.AddWithValue("message", (object?)outcome.FailureMessage ?? DBNull.Value);
        run.Parameters.AddWithValue("counts", outcome.CountsAgainstAttempts ? 1 : 0);
        run.Parameters.AddWithValue("final", final);
        if (await run.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StaleAttemptException(lease.RunId, lease.Number);
        }

        await using var attempt = new NpgsqlCommand("""
            UPDATE dockhand.attempts
            SET status = @status, exit_code = @exit, oom_killed = @oom, failure_class = @class,
                failure_message = @message, finished_at = now()
            WHERE run_id = @id AND number = @number AND fence = @fence
            """, connection, transaction);
        attempt.Parameters.AddWithValue("id", lease.RunId);
        attempt.Parameters.AddWithValue("number", lease.Number);
        attempt.Parameters.AddWithValue("fence", lease.Fence);
        attempt.Parameters.AddWithValue("status", outcome.Status.ToString());
        attempt.Parameters.AddWithValue("exit", (object?)outcome.ExitCode ?? DBNull.Value);
        attempt.Parameters.AddWithValue("oom", outcome.OomKilled);
        attempt.Parameters.AddWithValue("class", (object?)ToText(outcome.FailureClass) ?? DBNull.Value);
        attempt.Parameters.AddWithValue("message", (object?)outcome.FailureMessage ?? DBNull.Value);
        await attempt.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Cancels a run that is not final (its attempt, if one runs, stops on its own token).</summary>
    public async Task<bool> CancelRunAsync(Guid runId, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE dockhand.runs SET status = 'Cancelled', failure_message = @reason, finished_at = now()
            WHERE id = @id AND status NOT IN ('Succeeded', 'Failed', 'Cancelled')
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("reason", reason);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The status of one attempt, or null when the run or the attempt is unknown here.</summary>
    public async Task<AttemptStatus?> GetAttemptStatusAsync(Guid runId, int number, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT status FROM dockhand.attempts WHERE run_id = @id AND number = @number");
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("number", number);
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? Enum.Parse<AttemptStatus>(status) : null;
    }

    /// <summary>Only the run's status, for callers that poll (log followers): null when the run is unknown.</summary>
    public async Task<RunStatus?> GetRunStatusAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT status FROM dockhand.runs WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? Enum.Parse<RunStatus>(status) : null;
    }

    public Task<RunRecord?> GetRunAsync(Guid runId, CancellationToken cancellationToken) =>
        RunReader.ReadAsync(dataSource, runId, cancellationToken);

    private async Task UpdateAttemptAsync(AttemptLease lease, string assignments, string? value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE dockhand.attempts SET {assignments}
            WHERE run_id = @id AND number = @number AND fence = @fence
              AND fence = (SELECT fence FROM dockhand.runs WHERE id = @id)
            """);
        command.Parameters.AddWithValue("id", lease.RunId);
        command.Parameters.AddWithValue("number", lease.Number);
        command.Parameters.AddWithValue("fence", lease.Fence);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new StaleAttemptException(lease.RunId, lease.Number);
        }
    }

    internal static string? ToText(FailureClass? failureClass) => failureClass?.ToString().ToLowerInvariant();
}
