using System.Text;
using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

/// <summary>Creates busybox containers for a test, runs them the way a worker does, and removes
/// every one of them at the end.</summary>
internal sealed class ContainerRun(IContainerEngine engine)
{
    private readonly List<string> _created = [];

    public string RunLabel { get; } = Guid.NewGuid().ToString("N");

    public ContainerRequest Request(params string[] command) => new(
        Name: EngineFixture.UniqueName("run"),
        Image: EngineFixture.BusyboxImage,
        Command: command,
        Entrypoint: null,
        Env: new Dictionary<string, string>(),
        Workdir: null,
        User: null,
        Network: "none",
        MemoryBytes: 64 * 1024 * 1024,
        Cpus: 1.0,
        Pids: 64,
        AddCapabilities: [],
        Labels: new Dictionary<string, string> { [DockhandLabels.Run] = RunLabel });

    public async Task<string> CreateAsync(ContainerRequest request)
    {
        var id = await engine.CreateContainerAsync(request, CancellationToken.None);
        _created.Add(id);
        return id;
    }

    /// <summary>Create, start, follow the output to its end, wait: the worker's sequence.</summary>
    public async Task<Outcome> RunAsync(ContainerRequest request)
    {
        var id = await CreateAsync(request);
        await engine.StartContainerAsync(id, CancellationToken.None);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await engine.StreamOutputAsync(id, (chunk, _) =>
        {
            // The buffer is reused after we return: copy what we keep.
            (chunk.Stream == OutputStream.Stdout ? stdout : stderr).Write(chunk.Bytes.Span);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        var exit = await engine.WaitContainerAsync(id, CancellationToken.None);
        return new Outcome(id, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), exit);
    }

    public async Task RemoveAllAsync()
    {
        foreach (var id in _created)
        {
            await engine.RemoveContainerAsync(id, CancellationToken.None);
        }
    }

    internal sealed record Outcome(string Id, string Stdout, string Stderr, ContainerExit Exit);
}
