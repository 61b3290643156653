using Dockhand.Jobs.Specs;
using Npgsql;

namespace Dockhand.Jobs.Runs;

/// <summary>Reads a run with its attempts into records.</summary>
internal static class RunReader
{
    public static async Task<RunRecord?> ReadAsync(NpgsqlDataSource dataSource, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var runCommand = new NpgsqlCommand("""
            SELECT name, queue, spec::text, context_digest, status, hangfire_job_id, attempts_used,
                   exit_code, failure_class, failure_message, created_at, started_at, finished_at
            FROM dockhand.runs WHERE id = @id
            """, connection);
        runCommand.Parameters.AddWithValue("id", runId);
        await using var reader = await runCommand.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var spec = JobSpecParser.Parse(reader.GetString(2)).Spec
            ?? throw new InvalidOperationException($"run {runId}: its stored spec no longer parses");
        var run = new RunRecord(
            runId,
            NullableString(reader, 0),
            reader.GetString(1),
            spec,
            NullableString(reader, 3),
            Enum.Parse<RunStatus>(reader.GetString(4)),
            NullableString(reader, 5),
            reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7),
            ParseClass(NullableString(reader, 8)),
            NullableString(reader, 9),
            reader.GetFieldValue<DateTimeOffset>(10),
            NullableTime(reader, 11),
            NullableTime(reader, 12),
            []);
        await reader.CloseAsync();
        return run with { Attempts = await ReadAttemptsAsync(connection, runId, cancellationToken) };
    }

    private static async Task<IReadOnlyList<AttemptRecord>> ReadAttemptsAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT number, status, node, container_id, image, exit_code, oom_killed, failure_class,
                   failure_message, log_bytes, log_truncated, started_at, image_started_at,
                   image_finished_at, run_started_at, run_finished_at, finished_at
            FROM dockhand.attempts WHERE run_id = @id ORDER BY number
            """, connection);
        command.Parameters.AddWithValue("id", runId);
        var attempts = new List<AttemptRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(new AttemptRecord(
                reader.GetInt32(0),
                Enum.Parse<AttemptStatus>(reader.GetString(1)),
                reader.GetString(2),
                NullableString(reader, 3),
                NullableString(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetBoolean(6),
                ParseClass(NullableString(reader, 7)),
                NullableString(reader, 8),
                reader.GetInt64(9),
                reader.GetBoolean(10),
                reader.GetFieldValue<DateTimeOffset>(11),
                NullableTime(reader, 12),
                NullableTime(reader, 13),
                NullableTime(reader, 14),
                NullableTime(reader, 15),
                NullableTime(reader, 16)));
        }
        return attempts;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static FailureClass? ParseClass(string? text) =>
        text is null ? null : Enum.Parse<FailureClass>(text, ignoreCase: true);
}
