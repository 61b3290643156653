using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dockhand.Cli.Api;

/// <summary>
/// The REST API of a Dockhand server, as the CLI uses it. The <see cref="HttpClient"/> carries the
/// server's base address (ending in <c>/</c>) and the API key; paths here are relative to it.
/// Failures surface as <see cref="ApiErrorException"/>, <see cref="RunNotFoundException"/>,
/// <see cref="UnexpectedResponseException"/> or the transport's <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class DockhandApiClient(HttpClient http)
{
    /// <summary>Submits a spec (JSON text) and, for a build, its context as a tar stream.</summary>
    public async Task<RunView> SubmitAsync(string specJson, Stream? contextTar, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(specJson), "spec");
        if (contextTar is not null)
        {
            var context = new StreamContent(contextTar);
            context.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
            form.Add(context, "context", "context.tar");
        }

        using var response = await http.PostAsync("api/runs", form, ct);
        await EnsureSuccessAsync(response, "POST api/runs", runId: null, ct);
        return await ReadAsync(response, ApiJson.Default.RunView, "POST api/runs", ct);
    }

    public async Task<RunView> GetRunAsync(string runId, CancellationToken ct)
    {
        var path = RunPath(runId);
        using var response = await http.GetAsync(path, ct);
        await EnsureSuccessAsync(response, "GET " + path, runId, ct);
        return await ReadAsync(response, ApiJson.Default.RunView, "GET " + path, ct);
    }

    /// <summary>The run exactly as the server wrote it, for <c>status --json</c>.</summary>
    public async Task<string> GetRunJsonAsync(string runId, CancellationToken ct)
    {
        var path = RunPath(runId);
        using var response = await http.GetAsync(path, ct);
        await EnsureSuccessAsync(response, "GET " + path, runId, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<LogPage> GetLogsAsync(string runId, long after, int limit, string? stream, CancellationToken ct)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{RunPath(runId)}/logs?after={after}&limit={limit}");
        if (stream is not null) path += "&stream=" + Uri.EscapeDataString(stream);
        using var response = await http.GetAsync(path, ct);
        await EnsureSuccessAsync(response, "GET " + path, runId, ct);
        return await ReadAsync(response, ApiJson.Default.LogPage, "GET " + path, ct);
    }

    private static string RunPath(string runId) => "api/runs/" + Uri.EscapeDataString(runId);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string request, string? runId, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.NotFound && runId is not null) throw new RunNotFoundException(runId);
        throw new ApiErrorException(response.StatusCode, request, await TryReadProblemAsync(response, ct));
    }

    private static async Task<ApiProblem?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, ApiJson.Default.ApiProblem);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status code alone must do.
            return null;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string request, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync(body, type, ct)
                ?? throw new UnexpectedResponseException($"{request} answered an empty body");
        }
        catch (JsonException e)
        {
            throw new UnexpectedResponseException($"{request} answered something that is not a Dockhand {typeof(T).Name}: {e.Message}", e);
        }
    }
}
