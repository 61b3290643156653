using System.Buffers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

internal sealed partial class DockerContainerEngine
{
    // One rented buffer per stream, reused for every read: memory stays flat whatever the volume.
    private const int OutputBufferSize = 64 * 1024;

    public async Task StreamOutputAsync(
        string containerId, Func<OutputChunk, CancellationToken, ValueTask> onChunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChunk);
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
        var buffer = ArrayPool<byte>.Shared.Rent(OutputBufferSize);
        try
        {
            using var output = await OpenLogsAsync(containerId, parameters, cancellationToken);
            while (true)
            {
                var read = await ReadAsync(output, buffer, containerId, cancellationToken);
                if (read.EOF)
                {
                    return;
                }

                if (read.Count == 0 || read.Target == MultiplexedStream.TargetStream.StandardIn)
                {
                    continue;
                }

                var stream = read.Target == MultiplexedStream.TargetStream.StandardError ? OutputStream.Stderr : OutputStream.Stdout;
                await onChunk(new OutputChunk(stream, buffer.AsMemory(0, read.Count)), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<MultiplexedStream> OpenLogsAsync(string containerId, ContainerLogsParameters parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"follow the output of container {containerId}", exception, cancellationToken);
        }
    }

    private static async Task<MultiplexedStream.ReadResult> ReadAsync(
        MultiplexedStream output, byte[] buffer, string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return await output.ReadOutputAsync(buffer, 0, OutputBufferSize, cancellationToken);
        }
        catch (Exception exception) when (EngineErrors.IsEngineFailure(exception))
        {
            throw EngineErrors.Unavailable($"read the output of container {containerId}", exception, cancellationToken);
        }
    }
}
