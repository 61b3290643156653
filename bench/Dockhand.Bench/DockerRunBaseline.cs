using System.Diagnostics;

namespace Dockhand.Bench;

/// <summary>`docker run --rm dockhand/busybox:local true`, timed end to end: the floor any container runner stands on.</summary>
internal static class DockerRunBaseline
{
    public static async Task<IReadOnlyList<double>> MeasureAsync(int runs, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < runs + 1; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("docker", ["run", "--rm", "--network", "none", "dockhand/busybox:local", "true"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("docker could not be started");
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"docker run exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }
            if (i > 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }
        return times;
    }
}
