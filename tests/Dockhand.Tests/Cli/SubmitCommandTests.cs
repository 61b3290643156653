using System.Formats.Tar;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dockhand.Tests.Cli;

public sealed class SubmitCommandTests : IDisposable
{
    private const string BuildSpec = """{ "name": "nightly-report", "build": { "dockerfile": "docker/App.Dockerfile" }, "run": { "command": ["sh", "-c", "echo hi"] } }""";
    private readonly TempDirectory temp = new();
    private readonly Guid runId = Guid.NewGuid();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Submit_PostsSpecAndContextAsMultipart_AndPrintsRunIdAlone()
    {
        var spec = temp.Write("spec.json", BuildSpec);
        var context = Path.Combine(temp.Path, "ctx");
        temp.Write("ctx/docker/App.Dockerfile", "FROM scratch\n");
        temp.Write("ctx/src/main.sh", "echo hi\n");
        var server = new StubServer(_ => Created(runId));

        var result = await CliRunner.RunAsync(server, "submit", spec, "--context", context);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(runId + Environment.NewLine, result.Out);
        Assert.Equal("", result.Error);
        var post = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal(CliRunner.Server + "/api/runs", post.Uri.ToString());

        var parts = await ReadMultipartAsync(post);
        Assert.Equal(BuildSpec, Encoding.UTF8.GetString(parts["spec"].Body));
        var contextPart = parts["context"];
        Assert.Equal("context.tar", contextPart.FileName);
        Assert.Equal(["docker/App.Dockerfile", "src/main.sh"], TarFileNames(contextPart.Body));
    }

    [Fact]
    public async Task Submit_WithoutContext_SendsOnlyTheSpecPart()
    {
        var spec = temp.Write("spec.json", """{ "image": "busybox:local" }""");
        var server = new StubServer(_ => Created(runId));

        var result = await CliRunner.RunAsync(server, "submit", spec);

        Assert.Equal(0, result.ExitCode);
        var parts = await ReadMultipartAsync(Assert.Single(server.Requests));
        Assert.Equal(["spec"], parts.Keys);
    }

    [Theory]
    [InlineData("Succeeded", 0)]
    [InlineData("Failed", 1)]
    [InlineData("Cancelled", 1)]
    public async Task Submit_Wait_ExitCodeFollowsTheFinalStatus(string finalStatus, int expectedExitCode)
    {
        var spec = temp.Write("spec.json", """{ "image": "busybox:local" }""");
        var polls = 0;
        var server = new StubServer(request => request.Method == HttpMethod.Post
            ? Created(runId)
            : StubServer.Json(StubServer.Run(runId, ++polls < 3 ? "Running" : finalStatus, exitCode: finalStatus == "Failed" ? 3 : 0)));

        var result = await CliRunner.RunAsync(server, "submit", spec, "--wait");

        Assert.Equal(expectedExitCode, result.ExitCode);
        Assert.Equal(runId + Environment.NewLine, result.Out);
        Assert.Equal(3, polls);
        Assert.Contains($"run {runId} {finalStatus}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Follow_StreamsLogsThenExitsByTheFinalStatus()
    {
        var spec = temp.Write("spec.json", """{ "image": "busybox:local" }""");
        var server = new StubServer(request => request switch
        {
            { Method.Method: "POST" } => Created(runId),
            _ when request.Uri.AbsolutePath.EndsWith("/logs", StringComparison.Ordinal) => StubServer.Json(
                StubServer.LogPage(runId, 2, finished: true,
                    StubServer.LogEntry(1, "stdout", "working\n"),
                    StubServer.LogEntry(2, "stderr", "it broke\n"))),
            _ => StubServer.Json(StubServer.Run(runId, "Failed", exitCode: 7, failureClass: "app", failureMessage: "exited with code 7")),
        });

        var result = await CliRunner.RunAsync(server, "submit", spec, "--follow");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"{runId}{Environment.NewLine}stdout | working\n", result.Out);
        Assert.StartsWith("stderr | it broke\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("Failed (exit 7): app: exited with code 7", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Wait_Interrupted_SaysTheRunGoesOn_AndExits130()
    {
        var spec = temp.Write("spec.json", """{ "image": "busybox:local" }""");
        using var interrupt = new CancellationTokenSource();
        var server = new StubServer(request =>
        {
            if (request.Method == HttpMethod.Post) return Created(runId);
            interrupt.Cancel();
            return StubServer.Json(StubServer.Run(runId, "Running"));
        });

        var result = await CliRunner.RunAsync(
            server, new Dictionary<string, string> { ["DOCKHAND_URL"] = CliRunner.Server }, interrupt.Token, "submit", spec, "--wait");

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(runId + Environment.NewLine, result.Out);
        Assert.Equal([$"dockhand: stopped waiting; run {runId} goes on (dockhand status {runId})"], result.ErrorLines);
    }

    [Fact]
    public async Task Submit_InvalidSpec_PrintsEachFieldErrorOnItsOwnLine_AndExits2()
    {
        var spec = temp.Write("spec.json", """{ "image": "busybox:local", "run": { "timeout": "-00:01:00" } }""");
        var server = new StubServer(_ => StubServer.Problem(new
        {
            title = "The job spec is invalid",
            status = 400,
            errors = new[]
            {
                new { field = "run.timeout", message = "must be positive" },
                new { field = "run.resources.memory", message = "must be at least 6Mi" },
            },
        }, HttpStatusCode.BadRequest));

        var result = await CliRunner.RunAsync(server, "submit", spec);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
            ["dockhand: invalid spec: run.timeout: must be positive", "                        run.resources.memory: must be at least 6Mi"],
            result.ErrorLines);
    }

    [Fact]
    public async Task Submit_ContextRejectedAsTooLarge_ReportsTheServersDetail_AndExits2()
    {
        var spec = temp.Write("spec.json", BuildSpec);
        temp.Write("ctx/docker/App.Dockerfile", "FROM scratch\n");
        var server = new StubServer(_ => StubServer.Problem(
            new { title = "The context is too large", status = 413, detail = "context: larger than 1024 bytes" },
            HttpStatusCode.RequestEntityTooLarge));

        var result = await CliRunner.RunAsync(server, "submit", spec, "--context", Path.Combine(temp.Path, "ctx"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dockhand: context too large: context: larger than 1024 bytes"], result.ErrorLines);
    }

    [Fact]
    public async Task Submit_MissingSpecFile_Exits2WithOneLine_AndSendsNothing()
    {
        var server = new StubServer(_ => Created(runId));
        var missing = Path.Combine(temp.Path, "missing.json");

        var result = await CliRunner.RunAsync(server, "submit", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dockhand: spec file {missing} not found"], result.ErrorLines);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_SpecThatIsNotJson_Exits2NamingTheLine()
    {
        var spec = temp.Write("spec.json", "{\n  \"image\": busybox\n}");
        var server = new StubServer(_ => Created(runId));

        var result = await CliRunner.RunAsync(server, "submit", spec);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"dockhand: invalid spec: {spec} is not valid JSON (line 2)", line, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_MissingContextDirectory_Exits2WithOneLine()
    {
        var spec = temp.Write("spec.json", BuildSpec);
        var server = new StubServer(_ => Created(runId));
        var missing = Path.Combine(temp.Path, "no-such-dir");

        var result = await CliRunner.RunAsync(server, "submit", spec, "--context", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"dockhand: context directory {missing} not found"], result.ErrorLines);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_WithoutSpecArgument_IsAUsageError_Exit2()
    {
        var result = await CliRunner.RunAsync(new StubServer(_ => Created(runId)), "submit");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required argument missing", result.Error, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Created(Guid id)
    {
        var response = StubServer.Json(StubServer.Run(id, "Queued"), HttpStatusCode.Created);
        response.Headers.Location = new Uri($"/api/runs/{id}", UriKind.Relative);
        return response;
    }

    private sealed record Part(string? FileName, byte[] Body);

    private static async Task<Dictionary<string, Part>> ReadMultipartAsync(RecordedRequest request)
    {
        Assert.Equal("multipart/form-data", request.ContentType?.MediaType);
        var boundary = HeaderUtilities.RemoveQuotes(request.ContentType!.Parameters.Single(p => p.Name == "boundary").Value).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new Dictionary<string, Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var body = new MemoryStream();
            await section.Body.CopyToAsync(body);
            parts[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = new Part(HeaderUtilities.RemoveQuotes(disposition.FileName).Value, body.ToArray());
        }
        return parts;
    }

    private static string[] TarFileNames(byte[] tar)
    {
        using var reader = new TarReader(new MemoryStream(tar));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile) names.Add(entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name);
        }
        names.Sort(StringComparer.Ordinal);
        return [.. names];
    }
}
