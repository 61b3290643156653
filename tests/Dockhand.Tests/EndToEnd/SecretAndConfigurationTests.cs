using Dockhand.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dockhand.Tests.EndToEnd;

public sealed class SecretFixture : DockhandFixture
{
    public const string Secret = "s3cr3t-value-never-stored";

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings["Dockhand:Secrets:API_TOKEN"] = Secret;
        return settings;
    }
}

[Collection(SequentialCollection.Name)]
public sealed class SecretAndConfigurationTests(SecretFixture fixture) : DockhandTest<SecretFixture>(fixture)
{
    [Fact]
    public async Task SecretEnv_ReachesTheContainer_ButNotTheStoredSpecNorTheHangfireJob()
    {
        // The container prints the secret's digest, so neither the spec nor the log holds the secret.
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "printf %s \"$API_TOKEN\" | sha256sum"], "secretEnv": ["API_TOKEN"] } }
            """);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SecretFixture.Secret)));
        Assert.Equal($"{digest}  -\n", RunsApiClient.TextOf(await Api.LogsAsync(runId), "stdout"));

        await using var command = Fixture.App.Service<NpgsqlDataSource>().CreateCommand(
            "SELECT count(*) FROM dockhand.runs WHERE spec::text LIKE '%' || @secret || '%'");
        command.Parameters.AddWithValue("secret", SecretFixture.Secret);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        var job = Fixture.App.Service<JobStorage>().GetMonitoringApi().JobDetails(run.GetProperty("hangfireJobId").GetString());
        // The job's only real argument is the run id (the others are Hangfire's own placeholders).
        Assert.Equal(runId, job.Job.Args[0]);
        Assert.All(job.Job.Args, arg => Assert.DoesNotContain(SecretFixture.Secret, arg?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecretTheWorkerDoesNotHold_FailsTheRunWithoutRetry_NamingTheSetting()
    {
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["true"], "secretEnv": ["NOT_CONFIGURED"] }, "retry": { "attempts": 3 } }
            """);
        var run = await Api.WaitAsync(runId);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Single(run.GetProperty("attempts").EnumerateArray());
        Assert.Contains("Dockhand:Secrets:NOT_CONFIGURED", run.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingConnectionString_StopsTheHostAtStart_NamingTheSetting()
    {
        using var app = new DockhandApp("");

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("ConnectionStrings:Dockhand", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Dockhand", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonsenseLogSettings_StopTheHostAtStart_NamingTheSetting()
    {
        using var app = new DockhandApp(await Fixture.Postgres.CreateDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Dockhand:Logs:MaxBytesPerAttempt"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Dockhand:Logs:MaxBytesPerAttempt must be a positive number", error.Message, StringComparison.Ordinal);
    }
}
