using System.CommandLine;
using Dockhand.Cli.Commands;

namespace Dockhand.Cli;

/// <summary>The <c>dockhand</c> command tree, and how one invocation runs.</summary>
internal static class DockhandCli
{
    public static RootCommand Create(CliHost host)
    {
        var global = new GlobalOptions();
        return new RootCommand("dockhand: submit container jobs to a Dockhand server and watch them run.")
        {
            global.Server,
            SubmitCommand.Create(host, global),
            StatusCommand.Create(host, global),
            LogsCommand.Create(host, global),
        };
    }

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct)
    {
        var parseResult = Create(host).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            // Our actions report their own errors; an escaped exception would print a stack trace.
            EnableDefaultExceptionHandler = false,
            // Signals arrive through the caller's token (see Interruption), not through handlers
            // System.CommandLine would install process-wide, which parallel tests would share.
            ProcessTerminationTimeout = null,
        };

        int exitCode;
        try
        {
            exitCode = await parseResult.InvokeAsync(invocation, ct);
        }
        catch (Exception e)
        {
            // Last resort: CommandRunner reports what it knows; anything else still gets one line.
            host.Error.WriteLine($"dockhand: unexpected error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.ServerError;
        }
        // Usage errors (unknown option, missing argument) print System.CommandLine's message and help.
        return parseResult.Errors.Count > 0 ? ExitCodes.BadInput : exitCode;
    }
}
