using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dockhand.Jobs.Contexts;

namespace Dockhand.Tests.Infrastructure;

/// <summary>The REST API as a test uses it: submit (with a context directory packed as the CLI does), read, wait, read logs.</summary>
public sealed class RunsApiClient(HttpClient http, Func<string, string>? describeHangfireJob = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public async Task<HttpResponseMessage> PostAsync(string specJson, string? contextDirectory = null, string dockerfile = "Dockerfile")
    {
        using var form = new MultipartFormDataContent { { new StringContent(specJson), "spec" } };
        PackedContext? packed = null;
        try
        {
            if (contextDirectory is not null)
            {
                packed = await ContextPacker.PackDirectoryAsync(contextDirectory, dockerfile, 64L * 1024 * 1024, CancellationToken.None);
                var file = new StreamContent(packed.OpenRead());
                file.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
                form.Add(file, "context", "context.tar");
            }
            return await http.PostAsync(new Uri("/api/runs", UriKind.Relative), form);
        }
        finally
        {
            if (packed is not null)
            {
                await packed.DisposeAsync();
            }
        }
    }

    public async Task<Guid> SubmitAsync(string specJson, string? contextDirectory = null, string dockerfile = "Dockerfile")
    {
        using var response = await PostAsync(specJson, contextDirectory, dockerfile);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"submit answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetAsync(Guid runId) =>
        (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/runs/{runId}", UriKind.Relative), Json));

    /// <summary>Polls until the run is Succeeded, Failed or Cancelled.</summary>
    public async Task<JsonElement> WaitAsync(Guid runId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var run = await GetAsync(runId);
            if (run.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled")
            {
                return run;
            }
            if (DateTime.UtcNow > deadline)
            {
                var jobId = run.GetProperty("hangfireJobId").GetString();
                var job = jobId is null || describeHangfireJob is null ? "" : $"\nHangfire job {jobId}: {describeHangfireJob(jobId)}";
                Assert.Fail($"run {runId} did not finish in time; last seen: {run}{job}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Polls until the run's first attempt has started its container; that container's id.</summary>
    public async Task<string> WaitForContainerAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var attempts = (await GetAsync(runId)).GetProperty("attempts");
            if (attempts.GetArrayLength() > 0 && attempts[0].GetProperty("containerId").GetString() is { } id)
            {
                return id;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {runId} never started a container");
    }

    /// <summary>Every log entry of the run, following pages until the end.</summary>
    public async Task<IReadOnlyList<LogLine>> LogsAsync(Guid runId, string? stream = null)
    {
        var entries = new List<LogLine>();
        long after = 0;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>(
                new Uri($"/api/runs/{runId}/logs?after={after}&limit=500{(stream is null ? "" : "&stream=" + stream)}", UriKind.Relative), Json);
            var items = page.GetProperty("entries").EnumerateArray().ToList();
            entries.AddRange(items.Select(e => new LogLine(e.GetProperty("position").GetInt64(), e.GetProperty("attempt").GetInt32(),
                e.GetProperty("stream").GetString()!, e.GetProperty("text").GetString()!)));
            after = page.GetProperty("next").GetInt64();
            if (items.Count == 0)
            {
                return entries;
            }
        }
    }

    public static string TextOf(IEnumerable<LogLine> lines, string stream, int? attempt = null) =>
        string.Concat(lines.Where(l => l.Stream == stream && (attempt is null || l.Attempt == attempt)).Select(l => l.Text));
}

public sealed record LogLine(long Position, int Attempt, string Stream, string Text);
