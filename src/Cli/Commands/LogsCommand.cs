using System.CommandLine;
using Dockhand.Cli.Api;
using Dockhand.Cli.Output;
using Dockhand.Cli.Polling;

namespace Dockhand.Cli.Commands;

/// <summary>
/// <c>dockhand logs RUN [--follow] [--stream S]</c>. All streams print with a stream prefix
/// (stderr to stderr); one chosen stream prints raw to stdout, ready for a pipe.
/// </summary>
internal static class LogsCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        var run = new Argument<string>("RUN") { Description = "The run id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new entries until the run ends." };
        var stream = new Option<string?>("--stream")
        {
            Description = "Only this stream, printed raw (no prefixes).",
            HelpName = string.Join('|', LogStreams.All),
        };
        stream.AcceptOnlyFromAmong(LogStreams.All);

        var command = new Command("logs", "Print a run's logs (build, stdout, stderr, system).") { run, follow, stream };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(
            host,
            parseResult.GetValue(global.Server),
            async (api, token) =>
            {
                var only = parseResult.GetValue(stream);
                var printer = new LogPrinter(host.Out, host.Error, prefixed: only is null);
                await new LogFollower(api, printer, host.PollInterval)
                    .PrintAsync(parseResult.GetRequiredValue(run), only, parseResult.GetValue(follow), token);
                return ExitCodes.Success;
            },
            ct));
        return command;
    }
}
