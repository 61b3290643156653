using System.CommandLine;
using Dockhand.Cli.Output;

namespace Dockhand.Cli.Commands;

/// <summary><c>dockhand status RUN [--json]</c>: a run's status, attempts, failure and timings.</summary>
internal static class StatusCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        var run = new Argument<string>("RUN") { Description = "The run id." };
        var json = new Option<bool>("--json") { Description = "Print the run as the server's JSON, unchanged." };

        var command = new Command("status", "Show a run's status, attempts and timings.") { run, json };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(
            host,
            parseResult.GetValue(global.Server),
            async (api, token) =>
            {
                var runId = parseResult.GetRequiredValue(run);
                if (parseResult.GetValue(json))
                {
                    var body = await api.GetRunJsonAsync(runId, token);
                    host.Out.Write(body);
                    if (!body.EndsWith('\n')) host.Out.WriteLine();
                }
                else
                {
                    RunSummary.Write(await api.GetRunAsync(runId, token), host.Out);
                }
                return ExitCodes.Success;
            },
            ct));
        return command;
    }
}
