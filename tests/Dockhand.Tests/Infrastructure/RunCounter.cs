using Hangfire;
using Npgsql;

namespace Dockhand.Tests.Infrastructure;

/// <summary>Looks into the app's database to prove that nothing was stored or queued.</summary>
public sealed class RunCounter(DockhandApp app)
{
    public async Task<long> CountRunsAsync()
    {
        await using var command = app.Service<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM dockhand.runs");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public long CountHangfireJobs()
    {
        var monitoring = app.Service<JobStorage>().GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        return stats.Enqueued + stats.Scheduled + stats.Processing + stats.Succeeded + stats.Failed + stats.Deleted;
    }
}
