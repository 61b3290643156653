using System.Diagnostics;
using System.Net.Sockets;
using Dockhand.Jobs.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dockhand.Tests.Engine;

public sealed class HungEngineTests : IDisposable
{
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"dockhand-hung-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener;

    public HungEngineTests()
    {
        // Accepts connections (in the kernel's backlog) and never answers: an engine that hangs.
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _listener.Listen(16);
    }

    [Fact]
    public async Task AnEngineThatDoesNotAnswerWithinTheRequestTimeoutIsAnInfraFailure()
    {
        using var engine = new DockerContainerEngine(
            new EngineOptions { Endpoint = new Uri("unix://" + _socketPath), RequestTimeout = TimeSpan.FromSeconds(1) },
            NullLogger<DockerContainerEngine>.Instance);
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<EngineUnavailableException>(() => engine.ImageExistsAsync("anything:1", CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(_socketPath);
    }
}
