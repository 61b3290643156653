using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Specs;
using Dockhand.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Dockhand.Tests.Runs;

/// <summary>The run store against a real PostgreSQL: migrations, fencing, logs.</summary>
public sealed class RunStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private RunStore _runs = null!;
    private LogStore _logs = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        // Several workers start at once: the advisory lock makes them apply the schema one by one.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None)));
        _runs = new RunStore(_dataSource);
        _logs = new LogStore(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Migrations_AppliedByManyAtOnce_AreRecordedOnce()
    {
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);

        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM dockhand.schema_migrations");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task StaleAttempt_CannotRecordItsOutcomeNorItsLogs_OnceANewerAttemptOwnsTheRun()
    {
        var runId = await NewRunAsync();
        var stale = (await _runs.BeginAttemptAsync(runId, "worker-a", CancellationToken.None))!;
        var current = (await _runs.BeginAttemptAsync(runId, "worker-b", CancellationToken.None))!;
        var succeeded = new AttemptOutcome(AttemptStatus.Succeeded, 0, false, null, null, true, RunStatus.Succeeded);

        await Assert.ThrowsAsync<StaleAttemptException>(() => _runs.CompleteAttemptAsync(stale, succeeded, CancellationToken.None));
        await Assert.ThrowsAsync<StaleAttemptException>(() => _runs.MarkContainerStartedAsync(stale, "abc", CancellationToken.None));
        Assert.False(await _logs.AppendAsync(stale, LogStream.Stdout, "from the stale worker\n", CancellationToken.None));
        Assert.True(await _logs.AppendAsync(current, LogStream.Stdout, "from the current worker\n", CancellationToken.None));
        await _runs.CompleteAttemptAsync(current, succeeded, CancellationToken.None);

        var run = (await _runs.GetRunAsync(runId, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal([AttemptStatus.Interrupted, AttemptStatus.Succeeded], run.Attempts.Select(a => a.Status));
        Assert.Equal(["worker-a", "worker-b"], run.Attempts.Select(a => a.Node));
        var page = await _logs.ReadAsync(runId, 0, 100, null, CancellationToken.None);
        Assert.Equal("from the current worker\n", Assert.Single(page.Entries).Text);
    }

    [Fact]
    public async Task FinishedRun_GivesNoFurtherAttempt()
    {
        var runId = await NewRunAsync();
        var lease = (await _runs.BeginAttemptAsync(runId, "worker-a", CancellationToken.None))!;
        await _runs.CompleteAttemptAsync(lease, new AttemptOutcome(AttemptStatus.Failed, 3, false, FailureClass.App, "exit code 3", true, RunStatus.Failed), CancellationToken.None);

        Assert.Null(await _runs.BeginAttemptAsync(runId, "worker-a", CancellationToken.None));
        Assert.Null(await _runs.BeginAttemptAsync(Guid.NewGuid(), "worker-a", CancellationToken.None));
    }

    [Fact]
    public async Task Logs_AreReadAfterAPosition_InOrder_AndByStream()
    {
        var runId = await NewRunAsync();
        var lease = (await _runs.BeginAttemptAsync(runId, "worker-a", CancellationToken.None))!;
        foreach (var (stream, text) in new[] { (LogStream.Build, "b1\n"), (LogStream.Stdout, "o1\n"), (LogStream.Stderr, "e1\n"), (LogStream.Stdout, "o2\n") })
        {
            await _logs.AppendAsync(lease, stream, text, CancellationToken.None);
        }

        var first = await _logs.ReadAsync(runId, 0, 2, null, CancellationToken.None);
        var rest = await _logs.ReadAsync(runId, first.Next, 100, null, CancellationToken.None);
        var stdout = await _logs.ReadAsync(runId, 0, 100, LogStream.Stdout, CancellationToken.None);
        var nothingNew = await _logs.ReadAsync(runId, rest.Next, 100, null, CancellationToken.None);

        Assert.Equal(["b1\n", "o1\n", "e1\n", "o2\n"], first.Entries.Concat(rest.Entries).Select(e => e.Text));
        Assert.Equal(["o1\n", "o2\n"], stdout.Entries.Select(e => e.Text));
        Assert.Empty(nothingNew.Entries);
        Assert.Equal(rest.Next, nothingNew.Next);
    }

    private async Task<Guid> NewRunAsync()
    {
        var spec = JobSpecParser.Parse("""{ "image": "dockhand/busybox:local" }""").Spec!;
        var runId = Guid.CreateVersion7();
        await _runs.CreateRunAsync(runId, spec, null, CancellationToken.None);
        return runId;
    }
}
