using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>Bad submissions are answered 400 with every problem named, and nothing is stored or queued. No test here ever submits a good spec.</summary>
[Collection(SequentialCollection.Name)]
public sealed class SpecRejectionTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    public static TheoryData<string, string> MalformedSpecs => new()
    {
        { """{ "image": "dockhand/busybox:local", "run": { "command": "echo hi" } }""", "run.command" },
        { """{ "image": "dockhand/busybox:local", "pull": "Sometimes" }""", "pull" },
        { """{ "image": "dockhand/busybox:local", "run": { "timeout": "-00:00:05" } }""", "run.timeout" },
        { """{ "image": "dockhand/busybox:local", "run": { "command": [] } }""", "run.command" },
        { """{ "image": "dockhand/busybox:local", "run": { "resources": { "memory": "12x" } } }""", "run.resources.memory" },
        { """{ "run": { "command": ["true"] } }""", "$" },
        { """{ "image": "dockhand/busybox:local", "retry": { "attempts": "three" } }""", "retry.attempts" },
        { """{ "image": "dockhand/busybox:local", "run": { "comand": ["true"] } }""", "run.comand" },
        { """{ "image": "dockhand/busybox:local", """, "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedSpecs))]
    public async Task MalformedSpec_Is400_NamingTheField_AndNothingIsQueued(string spec, string field)
    {
        using var response = await Api.PostAsync(spec);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains(errors, e => e.Field.StartsWith(field, StringComparison.Ordinal));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SpecWithSeveralProblems_GetsThemAllInOneAnswer()
    {
        using var response = await Api.PostAsync("""
            { "image": "dockhand/busybox:local", "pull": "Sometimes",
              "run": { "timeout": "00:00:00", "resources": { "memory": "12x", "pids": -1 } } }
            """);

        var fields = (await ErrorsAsync(response)).Select(e => e.Field).ToList();
        Assert.Superset(new HashSet<string> { "pull", "run.timeout", "run.resources.memory", "run.resources.pids" }, fields.ToHashSet());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SpecLargerThanTheLimit_Is413_SayingWhich()
    {
        var padding = new string(' ', 1024 * 1024);
        using var response = await Api.PostAsync("{ \"image\": \"dockhand/busybox:local\"" + padding + " }");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("spec: larger than", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("spec", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task BuildWithoutContext_IsRefused()
    {
        using var response = await Api.PostAsync("""{ "build": {} }""");

        Assert.Contains(await ErrorsAsync(response), e => e.Field == "context");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task NetworkTheInstallationDoesNotAllow_IsRefused()
    {
        using var response = await Api.PostAsync("""{ "image": "dockhand/busybox:local", "run": { "network": "bridge" } }""");

        Assert.Contains(await ErrorsAsync(response), e => e.Field == "run.network");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task UploadedContextWithAPathEscapingTheRoot_IsRefused()
    {
        using var response = await PostTarAsync(TarWith("../escape.txt"));

        var error = Assert.Single(await ErrorsAsync(response));
        Assert.Equal("context", error.Field);
        Assert.Contains("../escape.txt", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task UploadThatIsNotAnArchive_IsRefused()
    {
        using var response = await PostTarAsync(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 5000))));

        Assert.Contains(await ErrorsAsync(response), e => e.Field == "context");
        await AssertNothingStoredAsync();
    }

    private async Task<HttpResponseMessage> PostTarAsync(Stream tar)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{ "build": {} }"""), "spec" },
            { new StreamContent(tar), "context", "context.tar" },
        };
        return await Api.Http.PostAsync(new Uri("/api/runs", UriKind.Relative), form);
    }

    private static MemoryStream TarWith(string entryName)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream("FROM scratch\n"u8.ToArray()) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream("x"u8.ToArray()) });
        }
        tar.Position = 0;
        return tar;
    }

    private static async Task<IReadOnlyList<(string Field, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!))];
    }

    private async Task AssertNothingStoredAsync()
    {
        var counter = new RunCounter(Fixture.App);
        Assert.Equal(0, await counter.CountRunsAsync());
        Assert.Equal(0, counter.CountHangfireJobs());
    }
}
