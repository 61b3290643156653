using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dockhand.Tests.Cli;

/// <summary>A request as the stub saw it, body read while the request was alive.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, MediaTypeHeaderValue? ContentType, byte[] Body)
{
    public string PathAndQuery => Uri.PathAndQuery;
}

/// <summary>
/// Stands in for the Dockhand REST API inside the HttpClient: each test says how to answer, and
/// reads back what the CLI sent. Answers are built per request, so a test can change them as
/// the run "progresses".
/// </summary>
internal sealed class StubServer(Func<RecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization, request.Content?.Headers.ContentType, body);
        Requests.Enqueue(recorded);
        return respond(recorded);
    }

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        Raw(JsonSerializer.Serialize(body, Web), status, "application/json");

    public static HttpResponseMessage Problem(object body, HttpStatusCode status) =>
        Raw(JsonSerializer.Serialize(body, Web), status, "application/problem+json");

    public static HttpResponseMessage Raw(string body, HttpStatusCode status, string mediaType) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static object Run(Guid id, string status, int? exitCode = null, string? failureClass = null, string? failureMessage = null, object[]? attempts = null) => new
    {
        id,
        name = "nightly-report",
        queue = "default",
        status,
        hangfireJobId = "42",
        createdAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        finishedAt = RunStatusIsTerminal(status) ? new DateTimeOffset(2025, 1, 2, 3, 4, 17, TimeSpan.Zero) : (DateTimeOffset?)null,
        exitCode,
        failureClass,
        failureMessage,
        attempts = attempts ?? [],
    };

    public static object LogEntry(long position, string stream, string text, int attempt = 1) => new
    {
        position,
        attempt,
        stream,
        at = new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero),
        text,
    };

    public static object LogPage(Guid runId, long next, bool finished, params object[] entries) =>
        new { runId, entries, next, finished };

    private static bool RunStatusIsTerminal(string status) => status is "Succeeded" or "Failed" or "Cancelled";
}
