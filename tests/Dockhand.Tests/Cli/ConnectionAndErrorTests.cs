using System.Net;
using System.Net.Sockets;
using Dockhand.Cli;

namespace Dockhand.Tests.Cli;

public sealed class ConnectionAndErrorTests
{
    [Fact]
    public async Task UnreachableServer_PrintsOneLine_AndExits3()
    {
        // A real socket to a port nobody listens on: the refusal comes from the kernel, not a fake.
        var port = ClosedLoopbackPort();
        using var network = CliHost.CreateNetwork();

        var result = await CliRunner.RunAsync(network, "status", Guid.NewGuid().ToString(), "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            [$"dockhand: cannot reach the Dockhand server at http://127.0.0.1:{port} (connection refused); set --server or DOCKHAND_URL"],
            result.ErrorLines);
    }

    [Fact]
    public async Task ServerFromEnvironment_AndApiKey_AreUsed()
    {
        var runId = Guid.NewGuid();
        var server = new StubServer(_ => StubServer.Json(StubServer.Run(runId, "Queued")));
        var environment = new Dictionary<string, string>
        {
            ["DOCKHAND_URL"] = "https://jobs.example:8443/dockhand",
            ["DOCKHAND_API_KEY"] = "s3cret",
        };

        var result = await CliRunner.RunAsync(server, environment, CancellationToken.None, "status", runId.ToString());

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal($"https://jobs.example:8443/dockhand/api/runs/{runId}", request.Uri.ToString());
        Assert.Equal("Bearer", request.Authorization?.Scheme);
        Assert.Equal("s3cret", request.Authorization?.Parameter);
    }

    [Fact]
    public async Task ServerOption_WinsOverTheEnvironment_AndNoKeyMeansNoAuthorization()
    {
        var server = new StubServer(_ => StubServer.Json(StubServer.Run(Guid.NewGuid(), "Queued")));

        var result = await CliRunner.RunAsync(server, "status", "r1", "--server", "http://other:9000");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("http://other:9000/api/runs/r1", request.Uri.ToString());
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task ServerError_PrintsOneLineWithTheProblem_AndExits3()
    {
        var server = new StubServer(_ => StubServer.Problem(new { title = "Database unavailable", status = 503 }, HttpStatusCode.ServiceUnavailable));

        var result = await CliRunner.RunAsync(server, "status", "r1");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["dockhand: the server at http://dockhand.test:5080 answered 503 ServiceUnavailable to GET api/runs/r1: Database unavailable"], result.ErrorLines);
    }

    [Fact]
    public async Task NotADockhandServer_IsReportedInOneLine_AndExits3()
    {
        var server = new StubServer(_ => StubServer.Raw("<html>hello</html>", HttpStatusCode.OK, "text/html"));

        var result = await CliRunner.RunAsync(server, "status", "r1");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("dockhand: unexpected answer from http://dockhand.test:5080: GET api/runs/r1 answered something that is not a Dockhand RunView", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadServerUrl_IsAUsageError_Exit2()
    {
        var server = new StubServer(_ => throw new InvalidOperationException("no request expected"));

        var result = await CliRunner.RunAsync(server, "status", "r1", "--server", "ftp://files");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dockhand: --server: 'ftp://files' is not an http:// or https:// URL"], result.ErrorLines);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
