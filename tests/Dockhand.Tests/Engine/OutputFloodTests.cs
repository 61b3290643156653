using Dockhand.Jobs.Engine;
using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.Engine;

/// <summary>Measures the process's allocations, so it runs alone.</summary>
[Collection(SequentialCollection.Name)]
public sealed class OutputFloodTests(EngineFixture fixture) : IAsyncLifetime
{
    private readonly ContainerRun _run = new(fixture.Engine);

    [Fact]
    public async Task StreamOutput_FloodIsStreamedWithBoundedMemory()
    {
        // No newlines: the engine logs a long line as 16 KiB pieces, where `yes` would cost it
        // 100 million tiny log entries.
        const long volume = 200_000_000;
        var id = await _run.CreateAsync(_run.Request("sh", "-c", $"head -c {volume} /dev/zero | tr '\\0' y"));
        await fixture.Engine.StartContainerAsync(id, CancellationToken.None);

        long stdoutBytes = 0, stderrBytes = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await fixture.Engine.StreamOutputAsync(id, (chunk, _) =>
        {
            if (chunk.Stream == OutputStream.Stdout)
            {
                stdoutBytes += chunk.Bytes.Length;
            }
            else
            {
                stderrBytes += chunk.Bytes.Length;
            }

            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(volume, stdoutBytes);
        Assert.Equal(0, stderrBytes);
        // Copying the output anywhere would allocate at least its size; the reused buffer does not.
        Assert.True(allocated < volume / 4, $"allocated {allocated:N0} bytes while streaming {volume:N0}");
        Assert.Equal(0, (await fixture.Engine.WaitContainerAsync(id, CancellationToken.None)).ExitCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _run.RemoveAllAsync();
}
