using System.Net;
using Dockhand.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// The dashboard host with its in-process worker, on its own database of the shared PostgreSQL,
/// against the real engine: the whole of Dockhand in one process, as the single-machine mode runs it.
/// </summary>
public sealed class DockhandApp : WebApplicationFactory<DashboardEntryPoint>
{
    /// <summary>
    /// A setting (not passed to the app) that serves it with Kestrel on a free 127.0.0.1 port instead
    /// of the in-memory test server, for callers that need a real socket (a browser).
    /// </summary>
    public const string ServeOnLoopbackSetting = "DockhandTests:ServeOnLoopback";

    private readonly Dictionary<string, string?> _settings;

    public DockhandApp(string connectionString, IDictionary<string, string?>? settings = null)
    {
        Node = $"test-{Guid.NewGuid():N}"[..16];
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dockhand"] = connectionString,
            ["Dockhand:Dashboard:InProcessWorker"] = "true",
            ["Dockhand:Worker:Node"] = Node,
            ["Dockhand:Worker:Count"] = "4",
            ["Dockhand:Worker:StopGrace"] = "00:00:02",
            ["Dockhand:Worker:StopTimeout"] = "00:00:00.500",
            ["Dockhand:Worker:SchedulePollingInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (_settings.Remove(ServeOnLoopbackSetting, out var onLoopback) && bool.Parse(onLoopback ?? "false"))
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>Where a Kestrel-served app listens (<see cref="ServeOnLoopbackSetting"/>), e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri LoopbackAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            return addresses.Select(a => new Uri(a)).FirstOrDefault(a => a.IsLoopback)
                ?? throw new InvalidOperationException($"the app listens on no loopback address (it has: {string.Join(", ", addresses)}); was it created with {ServeOnLoopbackSetting}?");
        }
    }

    public string Node { get; }

    public T Service<T>() where T : notnull => (T)Services.GetService(typeof(T))!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Host settings, not ConfigureAppConfiguration: Program reads some of them before Build().
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PretendRemoteCaller>());
    }
}
