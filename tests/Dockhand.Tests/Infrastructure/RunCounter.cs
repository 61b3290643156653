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

    /// <summary>The job's state history, newest first, for a test's failure message.</summary>
    public string DescribeHangfireJob(string jobId)
    {
        var details = app.Service<JobStorage>().GetMonitoringApi().JobDetails(jobId);
        return details is null
            ? "unknown"
            : string.Join(" <- ", details.History.Select(h => $"{h.StateName} ({h.Reason}) {string.Join(", ", h.Data.Select(d => $"{d.Key}={d.Value}"))}"));
    }

    public long CountHangfireJobs()
    {
        var monitoring = app.Service<JobStorage>().GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        return stats.Enqueued + stats.Scheduled + stats.Processing + stats.Succeeded + stats.Failed + stats.Deleted;
    }
}
