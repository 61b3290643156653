namespace Dockhand.Tests.Infrastructure;

/// <summary>A PostgreSQL of its own and a Dockhand app (API + in-process worker) on it, for one test class.</summary>
public class DockhandFixture : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private DockhandApp? _app;

    public DockhandApp App => _app ?? throw new InvalidOperationException("fixture not initialised");

    public RunsApiClient Api { get; private set; } = null!;

    public PostgresFixture Postgres => _postgres;

    /// <summary>Settings the app starts with on top of the defaults in <see cref="DockhandApp"/>.</summary>
    protected virtual Task<IDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>
        {
            // Small, so the flood test reaches it quickly.
            ["Dockhand:Logs:MaxBytesPerAttempt"] = "1048576",
        });

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _app = new DockhandApp(await _postgres.CreateDatabaseAsync(), await SettingsAsync());
        Api = new RunsApiClient(_app.CreateClient(), new RunCounter(_app).DescribeHangfireJob);
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await RemoveBuiltImagesAsync(_app);
            await _app.DisposeAsync();
        }
        await _postgres.DisposeAsync();
    }

    /// <summary>The images this app's runs built: nothing else uses them, and the engine keeps them until removed.</summary>
    private static async Task RemoveBuiltImagesAsync(DockhandApp app)
    {
        await using var command = app.Service<Npgsql.NpgsqlDataSource>().CreateCommand(
            "SELECT DISTINCT image FROM dockhand.attempts WHERE image LIKE 'dockhand/build:%'");
        var images = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                images.Add(reader.GetString(0));
            }
        }
        if (images.Count > 0)
        {
            await DockerCli.RemoveImagesAsync([.. images]);
        }
    }
}
