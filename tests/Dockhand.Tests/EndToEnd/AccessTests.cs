using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>With no API key configured, only callers on the machine are served.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ClosedByDefaultTests(DockhandFixture fixture) : DockhandTest<DockhandFixture>(fixture)
{
    [Theory]
    [InlineData("/api/runs/00000000-0000-0000-0000-000000000001")]
    [InlineData("/hangfire")]
    public async Task RemoteCaller_IsRefused_UntilAnApiKeyIsConfigured(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(PretendRemoteCaller.Header, "203.0.113.7");
        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Dockhand:Auth:ApiKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalCaller_SeesTheSucceededRunInTheHangfireDashboard()
    {
        var runId = await Api.SubmitAsync("""{ "image": "dockhand/busybox:local", "pull": "Never", "run": { "command": ["true"] } }""");
        var run = await Api.WaitAsync(runId);

        var page = await Api.Http.GetStringAsync(new Uri("/hangfire/jobs/succeeded", UriKind.Relative));
        Assert.Contains($"Dockhand run {runId}", page, StringComparison.Ordinal);
        var jobPage = await Api.Http.GetStringAsync(new Uri($"/hangfire/jobs/details/{run.GetProperty("hangfireJobId").GetString()}", UriKind.Relative));
        Assert.Contains("Succeeded", jobPage, StringComparison.Ordinal);
    }
}

public sealed class ApiKeyFixture : DockhandFixture
{
    public const string Key = "test-key-0123456789";

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings["Dockhand:Auth:ApiKey"] = Key;
        return settings;
    }
}

/// <summary>With an API key configured, remote callers who present it are served.</summary>
[Collection(SequentialCollection.Name)]
public sealed class ApiKeyTests(ApiKeyFixture fixture) : DockhandTest<ApiKeyFixture>(fixture)
{
    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer " + ApiKeyFixture.Key, HttpStatusCode.NotFound)] // through the gate: the run does not exist
    [InlineData("Basic", HttpStatusCode.NotFound)]
    public async Task RemoteCaller_IsServedOnlyWithTheKey(string? authorization, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs/00000000-0000-0000-0000-000000000001");
        request.Headers.Add(PretendRemoteCaller.Header, "203.0.113.7");
        if (authorization == "Basic")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + ApiKeyFixture.Key)));
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var response = await Api.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }
}
