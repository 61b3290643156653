using System.Globalization;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// Maps a <see cref="ContainerRequest"/> to the engine's create parameters with Dockhand's
/// hardened defaults: never privileged, every capability dropped except those the request
/// (already vetted by the admin policy) adds, no privilege escalation, memory without swap,
/// CPU and pids limits, and no TTY so stdout and stderr stay apart.
/// </summary>
internal static class ContainerConfigFactory
{
    public const string NoNewPrivileges = "no-new-privileges";

    public static CreateContainerParameters Create(ContainerRequest request) => new()
    {
        Name = request.Name,
        Image = request.Image,
        // Null keeps the image's own CMD / ENTRYPOINT; an empty list would erase them.
        Cmd = request.Command?.ToList(),
        Entrypoint = request.Entrypoint?.ToList(),
        Env = request.Env.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")).ToList(),
        WorkingDir = request.Workdir ?? string.Empty,
        User = request.User ?? string.Empty,
        Labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal),
        Tty = false,
        OpenStdin = false,
        AttachStdin = false,
        AttachStdout = true,
        AttachStderr = true,
        HostConfig = new HostConfig
        {
            Privileged = false,
            CapDrop = ["ALL"],
            CapAdd = request.AddCapabilities.ToList(),
            SecurityOpt = [NoNewPrivileges],
            ReadonlyRootfs = false,
            Memory = request.MemoryBytes,
            // Equal to Memory: the container gets no swap on top of its memory limit.
            MemorySwap = request.MemoryBytes,
            NanoCPUs = (long)Math.Round(request.Cpus * 1_000_000_000d),
            PidsLimit = request.Pids,
            NetworkMode = request.Network,
        },
    };
}
