using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dockhand.Dashboard.Access;

/// <summary>
/// Closes the dashboard and the API to remote callers until an API key is configured, then lets
/// in those who present it. Loopback callers are always served: the single-machine mode needs no
/// setup, and someone on the machine can read its configuration anyway.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, IOptionsMonitor<AccessOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (IsLocal(context.Connection) || HasValidKey(context.Request, options.CurrentValue.ApiKey))
        {
            return next(context);
        }
        if (string.IsNullOrEmpty(options.CurrentValue.ApiKey))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new
            {
                title = "Remote access is closed",
                status = 403,
                detail = "Dockhand serves only callers on its own machine until an API key is configured (Dockhand:Auth:ApiKey).",
            }, context.RequestAborted);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Dockhand\", charset=\"UTF-8\"";
        return context.Response.WriteAsJsonAsync(new
        {
            title = "Authentication required",
            status = 401,
            detail = "Send the API key as 'Authorization: Bearer KEY', or as the password of HTTP Basic authentication.",
        }, context.RequestAborted);
    }

    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is null // the in-memory test server
        || IPAddress.IsLoopback(connection.RemoteIpAddress);

    private static bool HasValidKey(HttpRequest request, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || request.Headers.Authorization.ToString().Split(' ', 2) is not [var scheme, var value])
        {
            return false;
        }
        var presented = scheme.ToUpperInvariant() switch
        {
            "BEARER" => value,
            "BASIC" => PasswordOf(value),
            _ => null,
        };
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(apiKey));
    }

    private static string? PasswordOf(string basic)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basic));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
