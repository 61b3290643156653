using Dockhand.Jobs.Runs;
using Microsoft.Extensions.Hosting;

namespace Dockhand.Jobs.Hosting;

/// <summary>Applies Dockhand's schema before anything else starts (it is registered first).</summary>
internal sealed class SchemaMigrationService(MigrationRunner migrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrations.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
