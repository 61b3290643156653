using System.CommandLine;
using Dockhand.Cli.Api;
using Dockhand.Cli.Output;
using Dockhand.Cli.Polling;
using Dockhand.Jobs.Contexts;

namespace Dockhand.Cli.Commands;

/// <summary>
/// <c>dockhand submit SPEC.json [--context DIR] [--wait] [--follow]</c>: sends the spec (and the
/// packed context) and prints the run id alone on stdout's first line, so scripts can capture it.
/// </summary>
internal static class SubmitCommand
{
    /// <summary>The CLI's own ceiling on a context; the server applies its (usually smaller) limit and answers 413.</summary>
    public const long MaxContextBytes = 2L * 1024 * 1024 * 1024;

    public static Command Create(CliHost host, GlobalOptions global)
    {
        var spec = new Argument<string>("SPEC") { Description = "The job spec (a JSON file)." };
        var context = new Option<string?>("--context", "-c")
        {
            Description = "Directory to send as the build context (packed as a tar; .dockerignore applies).",
            HelpName = "DIR",
        };
        var wait = new Option<bool>("--wait", "-w")
        {
            Description = "Wait for the run to end: exit 0 if it succeeded, 1 if it failed or was cancelled.",
        };
        var follow = new Option<bool>("--follow", "-f")
        {
            Description = "Print the run's logs as they arrive until it ends (implies --wait).",
        };

        var command = new Command("submit", "Submit a job and print its run id.") { spec, context, wait, follow };
        command.SetAction((parseResult, ct) => CommandRunner.RunAsync(
            host,
            parseResult.GetValue(global.Server),
            (api, token) => RunAsync(
                host,
                api,
                new SubmitRequest(parseResult.GetRequiredValue(spec), parseResult.GetValue(context), parseResult.GetValue(wait), parseResult.GetValue(follow)),
                token),
            ct));
        return command;
    }

    private sealed record SubmitRequest(string SpecPath, string? ContextDirectory, bool Wait, bool Follow);

    private static async Task<int> RunAsync(CliHost host, DockhandApiClient api, SubmitRequest request, CancellationToken ct)
    {
        var spec = await SpecFile.ReadAsync(request.SpecPath, ct);

        RunView run;
        if (request.ContextDirectory is { } directory)
        {
            if (!Directory.Exists(directory)) throw new CliUsageException($"context directory {directory} not found");
            await using var packed = await ContextPacker.PackDirectoryAsync(directory, spec.Dockerfile, MaxContextBytes, ct);
            await using var tar = packed.OpenRead();
            run = await api.SubmitAsync(spec.Json, tar, ct);
        }
        else
        {
            run = await api.SubmitAsync(spec.Json, contextTar: null, ct);
        }

        host.Out.WriteLine(run.Id);
        host.Out.Flush();
        if (!request.Wait && !request.Follow) return ExitCodes.Success;

        RunView finished;
        try
        {
            if (request.Follow)
            {
                var printer = new LogPrinter(host.Out, host.Error, prefixed: true);
                await new LogFollower(api, printer, host.PollInterval).PrintAsync(run.Id.ToString(), stream: null, follow: true, ct);
            }
            finished = await new RunWaiter(api, host.PollInterval).WaitAsync(run.Id.ToString(), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Interrupting the CLI does not cancel the run: say so, and how to find it again.
            host.Error.WriteLine($"dockhand: stopped waiting; run {run.Id} goes on (dockhand status {run.Id})");
            return ExitCodes.Interrupted;
        }

        // The outcome goes to stderr: stdout stays the run id (and the logs), for scripts.
        host.Error.WriteLine(RunSummary.Outcome(finished));
        return finished.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
    }
}
