using System.Net.Http.Headers;
using Dockhand.Cli.Api;

namespace Dockhand.Cli.Commands;

/// <summary>
/// What every command that talks to the server shares: resolve the server, build the client with
/// the API key, run, and turn any failure into one line and an exit code.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(
        CliHost host,
        string? serverOption,
        Func<DockhandApiClient, CancellationToken, Task<int>> command,
        CancellationToken ct)
    {
        Uri server;
        try
        {
            server = ServerAddress.Resolve(serverOption, host.GetEnvironmentVariable);
        }
        catch (CliUsageException e)
        {
            host.Error.WriteLine($"dockhand: {e.Message}");
            return ExitCodes.BadInput;
        }

        using var http = new HttpClient(host.Network, disposeHandler: false)
        {
            BaseAddress = server,
            Timeout = host.RequestTimeout,
        };
        if (host.GetEnvironmentVariable(ServerAddress.ApiKeyVariable) is { Length: > 0 } apiKey)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        try
        {
            return await command(new DockhandApiClient(http), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, host.Error, server);
        }
    }
}
