using Dockhand.Cli;

namespace Dockhand.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the real command tree with captured output, a chosen network and environment.</summary>
internal static class CliRunner
{
    public const string Server = "http://dockhand.test:5080";

    public static Task<CliResult> RunAsync(HttpMessageHandler network, params string[] args) =>
        RunAsync(network, new Dictionary<string, string> { ["DOCKHAND_URL"] = Server }, CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(HttpMessageHandler network, IReadOnlyDictionary<string, string> environment, CancellationToken ct, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CliHost(stdout, stderr, network, name => environment.GetValueOrDefault(name))
        {
            PollInterval = TimeSpan.FromMilliseconds(1),
        };
        // A hung follow loop must fail the test, not the whole run.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(TimeSpan.FromSeconds(20));
        var exitCode = await DockhandCli.RunAsync(args, host, guard.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
