namespace Dockhand.Cli;

/// <summary>Where the Dockhand server is: <c>--server</c>, else <c>DOCKHAND_URL</c>, else the local default.</summary>
internal static class ServerAddress
{
    public const string EnvironmentVariable = "DOCKHAND_URL";
    public const string ApiKeyVariable = "DOCKHAND_API_KEY";
    public const string Default = "http://127.0.0.1:5080";

    public static Uri Resolve(string? option, Func<string, string?> getEnvironmentVariable)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(option) ? (option, "--server")
            : getEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, EnvironmentVariable)
            : (Default, "default");

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliUsageException($"{source}: '{text}' is not an http:// or https:// URL");

        // A base address without a trailing slash would drop its last segment from relative paths
        // (https://host/dockhand + api/runs = https://host/api/runs).
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
