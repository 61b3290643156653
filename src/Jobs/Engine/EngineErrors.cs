using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// Turns what Docker.DotNet throws into Dockhand's engine exceptions, so nothing above
/// <c>Engine/</c> ever catches a Docker.DotNet type.
/// </summary>
internal static class EngineErrors
{
    /// <summary>Anything that means "the engine did not do what we asked, and it is not our input's fault":
    /// an API error nobody handled more precisely, or a broken conversation with the daemon.</summary>
    public static bool IsEngineFailure(Exception exception) => exception
        is DockerApiException
        or HttpRequestException
        or SocketException
        or IOException
        or TimeoutException
        or OperationCanceledException;

    /// <summary>Our caller's cancellation stays a cancellation; everything else becomes an infra failure.</summary>
    public static EngineUnavailableException Unavailable(string operation, Exception exception, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new EngineUnavailableException($"Docker engine failed to {operation}: {Describe(exception)}", exception);
    }

    public static bool IsStatus(Exception exception, HttpStatusCode status) =>
        exception is DockerApiException api && api.StatusCode == status;

    /// <summary>The engine's own words: the <c>message</c> of its JSON error body, else the body, else the exception's message.</summary>
    public static string EngineMessage(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return exception.Message;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (an old engine or a proxy in between): the raw body is the best we have.
        }

        return body;
    }

    public static string Describe(Exception exception) => exception switch
    {
        DockerApiException api => $"{(int)api.StatusCode} {api.StatusCode}: {EngineMessage(api)}",
        _ when exception.InnerException is { } inner && inner.Message != exception.Message =>
            $"{exception.GetType().Name}: {exception.Message} ({inner.Message})",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>Words registries and the engine use when a pull is refused or the image is not there.</summary>
    public static bool LooksLikePullRefusal(string message) =>
        PullRefusalMarkers.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] PullRefusalMarkers =
    [
        "unauthorized", "denied", "not found", "manifest unknown", "authentication required",
        "no basic auth credentials", "invalid reference format",
    ];
}
