namespace Dockhand.Jobs.Engine;

public sealed record BuildRequest(
    string Tag,
    string Dockerfile,
    IReadOnlyDictionary<string, string> Args,
    string? Target,
    bool NoCache,
    IReadOnlyDictionary<string, string> Labels);

public sealed record BuiltImage(string Tag, string ImageId);

/// <summary>Credentials for one registry, from the worker's configuration, never from a spec.</summary>
public sealed record RegistryCredential(string Username, string Password, string? ServerAddress = null);

public sealed record ContainerRequest(
    string Name,
    string Image,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyDictionary<string, string> Env,
    string? Workdir,
    string? User,
    string Network,
    long MemoryBytes,
    double Cpus,
    long Pids,
    IReadOnlyList<string> AddCapabilities,
    IReadOnlyDictionary<string, string> Labels);

public enum OutputStream
{
    Stdout,
    Stderr,
}

public readonly record struct OutputChunk(OutputStream Stream, ReadOnlyMemory<byte> Bytes);

public sealed record ContainerExit(long ExitCode, bool OomKilled);

public sealed record LabelledContainer(string Id, string Name, bool Running, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Created);
