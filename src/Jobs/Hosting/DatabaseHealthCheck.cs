using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dockhand.Jobs.Hosting;

/// <summary>Healthy when PostgreSQL answers and Dockhand's schema is in place.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM dockhand.schema_migrations");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable or not migrated", e);
        }
    }
}
