using System.Net.Http.Json;
using System.Text.Json;

namespace Dockhand.Bench;

internal sealed record LatencyResult(IReadOnlyList<double> SubmitToStart, IReadOnlyList<double> SubmitToFinish);

/// <summary>Submits tiny image jobs one at a time through the REST API and reads the stored timings back.</summary>
internal static class LatencyBenchmark
{
    private const string Spec = """
        { "name": "bench-latency", "image": "dockhand/busybox:local", "pull": "Never",
          "run": { "command": ["true"], "resources": { "memory": "16Mi", "pids": 16 } } }
        """;

    public static async Task<LatencyResult> RunAsync(Uri server, int jobs, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        var toStart = new List<double>();
        var toFinish = new List<double>();
        for (var i = 0; i < jobs + 1; i++)
        {
            using var content = new StringContent(Spec, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/runs", UriKind.Relative), content, cancellationToken);
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            var run = await WaitAsync(http, id, cancellationToken);
            if (i == 0)
            {
                continue; // warm-up: first connections, JIT
            }
            var created = run.GetProperty("createdAt").GetDateTimeOffset();
            toStart.Add((run.GetProperty("attempts")[0].GetProperty("startedAt").GetDateTimeOffset() - created).TotalMilliseconds);
            toFinish.Add((run.GetProperty("finishedAt").GetDateTimeOffset() - created).TotalMilliseconds);
        }
        return new LatencyResult(toStart, toFinish);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, Guid id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/runs/{id}", UriKind.Relative), cancellationToken);
            var status = run.GetProperty("status").GetString();
            if (status is "Succeeded" or "Failed" or "Cancelled")
            {
                return status == "Succeeded" ? run : throw new InvalidOperationException($"bench run {id} ended {status}: {run}");
            }
            await Task.Delay(20, cancellationToken);
        }
    }
}
