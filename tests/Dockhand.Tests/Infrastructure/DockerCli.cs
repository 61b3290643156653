using System.Diagnostics;

namespace Dockhand.Tests.Infrastructure;

/// <summary>The docker CLI, for tests that look at the engine from outside the code under test
/// (inspect, ps, tag, push). Fails with the command's stderr when it fails.</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(IReadOnlyList<string> arguments, string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var result = await TryRunAsync(arguments, standardInput, environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`docker {string.Join(' ', arguments)}` exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }

        return result.Stdout;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(IReadOnlyList<string> arguments,
        string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the docker CLI");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Ids of all containers (running or not) matching a <c>docker ps</c> filter.</summary>
    public static async Task<IReadOnlyList<string>> ContainerIdsAsync(string filter) =>
        (await RunAsync(["ps", "-aq", "--no-trunc", "--filter", filter]))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Best-effort cleanup: removes images by reference, ignoring those already gone.</summary>
    public static Task RemoveImagesAsync(params string[] references) =>
        TryRunAsync(["rmi", "-f", .. references]);

    public static Task RemoveContainersAsync(params string[] ids) =>
        ids.Length == 0 ? Task.CompletedTask : TryRunAsync(["rm", "-f", .. ids]);
}
