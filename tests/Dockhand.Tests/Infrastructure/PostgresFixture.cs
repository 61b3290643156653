using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL in the local engine, from the image named by DOCKHAND_TEST_POSTGRES_IMAGE
/// (default dockhand/postgres:15, built by scripts/images.sh; the official postgres image works
/// where a registry is reachable). Never pulled: a missing image fails at once with the fix.
/// Each caller of <see cref="CreateDatabaseAsync"/> gets a database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly string Image = Environment.GetEnvironmentVariable("DOCKHAND_TEST_POSTGRES_IMAGE") is { Length: > 0 } image
        ? image
        : "dockhand/postgres:15";

    private readonly string _name = $"dockhand-test-pg-{Guid.NewGuid():N}";
    private PostgreSqlContainer? _container;

    static PostgresFixture()
    {
        // Ryuk's image cannot be pulled here; the fixture removes its own container instead.
        // (scripts/test.sh also sets TESTCONTAINERS_RYUK_DISABLED; this covers a bare dotnet test.)
        DotNet.Testcontainers.Configurations.TestcontainersSettings.ResourceReaperEnabled = false;
    }

    public string ConnectionString => _container?.GetConnectionString() ?? throw new InvalidOperationException("PostgreSQL is not started");

    public async Task InitializeAsync()
    {
        var (exitCode, _, _) = await DockerCli.TryRunAsync(["image", "inspect", Image]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"the PostgreSQL test image {Image} is not in the local engine: run scripts/images.sh (or set DOCKHAND_TEST_POSTGRES_IMAGE)");
        }
        _container = new PostgreSqlBuilder(Image)
            .WithImagePullPolicy(_ => false)
            .WithName(_name)
            .WithCleanUp(true)
            .Build();
        await _container.StartAsync();
    }

    /// <summary>A new empty database on the shared server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        // Without Ryuk, disposing stops the container but leaves it behind.
        await DockerCli.RemoveContainersAsync(_name);
    }
}
