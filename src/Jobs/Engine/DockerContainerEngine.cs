using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// <see cref="IContainerEngine"/> over Docker.DotNet: the only class in Dockhand that talks to
/// the engine. Split by concern: images (build, pull), containers (create, stop, remove, wait)
/// and output.
/// </summary>
internal sealed partial class DockerContainerEngine : IContainerEngine, IDisposable
{
    private readonly DockerClient _client;
    private readonly ILogger<DockerContainerEngine> _logger;

    public DockerContainerEngine(EngineOptions options, ILogger<DockerContainerEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var builder = new DockerClientBuilder();
        if (options.Endpoint is { } endpoint)
        {
            builder = builder.WithEndpoint(endpoint);
        }

        if (options.RequestTimeout is { } timeout)
        {
            builder = builder.WithTimeout(timeout);
        }

        _client = builder.Build();
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"inspect image {image}", exception, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<LabelledContainer>> ListDockhandContainersAsync(CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [DockhandLabels.Run] = true },
            },
        };

        IList<ContainerListResponse> containers;
        try
        {
            containers = await _client.Containers.ListContainersAsync(parameters, cancellationToken);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable("list Dockhand's containers", exception, cancellationToken);
        }

        return containers.Select(ToLabelledContainer).ToList();
    }

    public void Dispose() => _client.Dispose();

    private static LabelledContainer ToLabelledContainer(ContainerListResponse container) => new(
        container.ID,
        container.Names?.FirstOrDefault()?.TrimStart('/') ?? string.Empty,
        string.Equals(container.State, "running", StringComparison.OrdinalIgnoreCase),
        new Dictionary<string, string>(container.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        AsUtc(container.Created));

    private static DateTimeOffset AsUtc(DateTime created) => created.Kind == DateTimeKind.Unspecified
        ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
        : new DateTimeOffset(created.ToUniversalTime());
}
