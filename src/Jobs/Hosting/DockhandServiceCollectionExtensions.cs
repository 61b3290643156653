using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Engine;
using Dockhand.Jobs.Execution;
using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Submission;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dockhand.Jobs.Hosting;

/// <summary>Wiring of Dockhand's parts, one method per role a host can take.</summary>
public static class DockhandServiceCollectionExtensions
{
    /// <summary>
    /// What every host needs: options, the database (migrated at start), Hangfire's storage and
    /// client, the run and context stores, and submission.
    /// </summary>
    public static IServiceCollection AddDockhandCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Dockhand"))
            .Bind(configuration.GetSection("Dockhand:Database"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<ContextOptions>().Bind(configuration.GetSection("Dockhand:Contexts"))
            .Validate(o => o.MaxBytes > 0, "Dockhand:Contexts:MaxBytes must be a positive number of bytes")
            .ValidateOnStart();
        services.AddOptions<ContainerPolicyOptions>().Bind(configuration.GetSection("Dockhand:Containers"));
        services.AddOptions<LogOptions>().Bind(configuration.GetSection("Dockhand:Logs"))
            .Validate(o => o.MaxBytesPerAttempt > 0, "Dockhand:Logs:MaxBytesPerAttempt must be a positive number of bytes")
            .Validate(o => o.FlushThreshold > 0, "Dockhand:Logs:FlushThreshold must be a positive number of characters")
            .Validate(o => o.FlushInterval > TimeSpan.Zero, "Dockhand:Logs:FlushInterval must be a positive duration like 00:00:00.250")
            .ValidateOnStart();

        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<SchemaMigrationService>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<LogStore>();
        services.AddSingleton<ContextStore>();
        services.AddSingleton<RunSubmitter>();

        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Hangfire's own registration hands out the process-wide JobStorage.Current; ours is an
        // instance per service provider, so that two hosts in one process (the tests run several)
        // never share a queue by accident.
        services.Replace(ServiceDescriptor.Singleton<JobStorage>(sp => CreateStorage(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value)));
        DockhandRetryFilter.RegisterGlobally();
        return services;
    }

    private static PostgreSqlStorage CreateStorage(DatabaseOptions database)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = database.HangfireSchema,
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY: an idle worker picks a new job up at once; the poll interval is
            // only the fallback.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromSeconds(2),
            // A long job keeps its claim alive instead of being handed to a second worker
            // after a fixed invisibility timeout.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
    }

    /// <summary>A Hangfire server that executes runs against the Docker Engine.</summary>
    public static IServiceCollection AddDockhandWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection("Dockhand:Worker"))
            .Validate(o => o.Count is >= 1 and <= 256, "Dockhand:Worker:Count must be between 1 and 256")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Node), "Dockhand:Worker:Node must not be empty")
            .Validate(o => o.StopTimeout < o.ShutdownTimeout, "Dockhand:Worker:StopTimeout must be shorter than Dockhand:Worker:ShutdownTimeout")
            .ValidateOnStart();
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection("Dockhand:Engine"));
        services.Configure<List<RegistryOptions>>(configuration.GetSection("Dockhand:Registries"));

        services.AddSingleton<IContainerEngine>(sp => new DockerContainerEngine(
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<ILogger<DockerContainerEngine>>()));
        services.AddSingleton<ImageProvider>();
        services.AddSingleton<ContainerRunner>();
        services.AddSingleton<AttemptRunner>();
        services.AddTransient<RunJob>();
        services.AddOptions<ReconcilerOptions>().Bind(configuration.GetSection("Dockhand:Reconciler"))
            .Validate(o => o.Interval > TimeSpan.Zero, "Dockhand:Reconciler:Interval must be a positive duration like 00:01:00")
            .Validate(o => o.Grace >= TimeSpan.Zero, "Dockhand:Reconciler:Grace must not be negative")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OrphanContainerReaper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanContainerReaper>());

        services.AddHangfireServer((sp, server) =>
        {
            var worker = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            server.ServerName = worker.Node;
            server.WorkerCount = worker.Count;
            server.Queues = worker.Queues.Count > 0 ? [.. worker.Queues] : ["default"];
            server.SchedulePollingInterval = worker.SchedulePollingInterval;
            server.ShutdownTimeout = worker.ShutdownTimeout;
            server.StopTimeout = worker.StopTimeout;
        });
        // Above Hangfire's own shutdown timeout, so the host does not cut the attempts' recording short.
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = worker.Value.ShutdownTimeout + TimeSpan.FromSeconds(5));
        return services;
    }
}
