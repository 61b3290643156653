using Npgsql;

namespace Dockhand.Jobs.Runs;

/// <summary>
/// Log chunks of every attempt, in order. The identity column is the position clients follow
/// with: one attempt writes its chunks one after another, so within a run positions grow in the
/// order the chunks were written.
/// </summary>
public sealed class LogStore(NpgsqlDataSource dataSource)
{
    /// <summary>Appends one chunk, refused silently when a newer attempt owns the run (its logs must not mix with a stale worker's).</summary>
    public async Task<bool> AppendAsync(AttemptLease lease, LogStream stream, string text, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dockhand.log_chunks (run_id, attempt, stream, content)
            SELECT @id, @attempt, @stream, @content
            WHERE EXISTS (SELECT 1 FROM dockhand.runs WHERE id = @id AND fence = @fence)
            """);
        command.Parameters.AddWithValue("id", lease.RunId);
        command.Parameters.AddWithValue("attempt", lease.Number);
        command.Parameters.AddWithValue("stream", ToText(stream));
        // PostgreSQL text cannot hold NUL; a container may print it anyway.
        command.Parameters.AddWithValue("content", text.Replace('\0', '\uFFFD'));
        command.Parameters.AddWithValue("fence", lease.Fence);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Chunks after <paramref name="after"/> (0: from the start), oldest first.</summary>
    public async Task<LogPage> ReadAsync(Guid runId, long after, int limit, LogStream? stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT position, attempt, stream, at, content FROM dockhand.log_chunks
            WHERE run_id = @id AND position > @after AND (@stream::text IS NULL OR stream = @stream::text)
            ORDER BY position
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("stream", stream is null ? DBNull.Value : ToText(stream.Value));
        var entries = new List<LogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LogEntry(
                reader.GetInt64(0),
                reader.GetInt32(1),
                Enum.Parse<LogStream>(reader.GetString(2), ignoreCase: true),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4)));
        }
        return new LogPage(entries, entries.Count > 0 ? entries[^1].Position : after);
    }

    public static string ToText(LogStream stream) => stream.ToString().ToLowerInvariant();
}
