using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Build contexts in PostgreSQL, stored once per SHA-256 digest and streamed both ways: a
/// context never has to fit in memory, on the API's side nor on the worker's.
/// </summary>
public sealed class ContextStore(NpgsqlDataSource dataSource)
{
    /// <summary>Stores the packed context unless the same digest is there already.</summary>
    public async Task SaveAsync(PackedContext context, CancellationToken cancellationToken)
    {
        if (await TouchAsync(context.Digest, cancellationToken))
        {
            return;
        }
        await using var content = context.OpenRead();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dockhand.contexts (digest, size_bytes, content) VALUES (@digest, @size, @content)
            ON CONFLICT (digest) DO UPDATE SET last_used_at = now()
            """);
        command.Parameters.AddWithValue("digest", context.Digest);
        command.Parameters.AddWithValue("size", context.SizeBytes);
        command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content, Size = checked((int)context.SizeBytes) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string digest, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM dockhand.contexts WHERE digest = @digest");
        command.Parameters.AddWithValue("digest", digest);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Opens the stored tar for reading; the returned stream holds a connection until disposed.</summary>
    public async Task<Stream> OpenReadAsync(string digest, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var command = new NpgsqlCommand("SELECT content FROM dockhand.contexts WHERE digest = @digest", connection);
            command.Parameters.AddWithValue("digest", digest);
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                await command.DisposeAsync();
                throw new InvalidContextException($"context {digest} is not stored (was it collected?)");
            }
            return new OwningStream(reader.GetStream(0), reader, command, connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> TouchAsync(string digest, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE dockhand.contexts SET last_used_at = now() WHERE digest = @digest");
        command.Parameters.AddWithValue("digest", digest);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>A read-only stream over a bytea column that disposes the reader, command and connection with it.</summary>
    private sealed class OwningStream(Stream inner, params IAsyncDisposable[] owned) : Stream
    {
        private bool _disposed;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                await inner.DisposeAsync();
                foreach (var item in owned)
                {
                    await item.DisposeAsync();
                }
            }
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                inner.Dispose();
                foreach (var item in owned)
                {
                    item.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            base.Dispose(disposing);
        }
    }
}
