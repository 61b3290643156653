using Dockhand.Dashboard.Access;
using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Hosting;
using Hangfire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dockhand.Dashboard;

/// <summary>Wiring of the web host: API, dashboard, access gate, health.</summary>
internal static class DashboardHosting
{
    public static IServiceCollection AddDockhandDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection("Dockhand:Auth"));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);
        // Uploads up to the context limit (plus room for the spec and multipart framing).
        services.AddOptions<FormOptions>().Configure<IOptions<ContextOptions>>((form, contexts) =>
            form.MultipartBodyLengthLimit = contexts.Value.MaxBytes + (2 * 1024 * 1024));
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<ContextOptions>>((kestrel, contexts) =>
            kestrel.Limits.MaxRequestBodySize = contexts.Value.MaxBytes + (2 * 1024 * 1024));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseDockhandDashboard(this WebApplication app)
    {
        app.UseMiddleware<AccessGate>();
        app.MapHealthChecks("/health");
        app.MapGet("/", () => Results.Redirect("/hangfire"));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "Dockhand",
            Authorization = [new GateIsTheAuthorization()],
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
