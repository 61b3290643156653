namespace Dockhand.Jobs.Specs;

/// <summary>
/// What a user asks Dockhand to do: get an image (build it from the run's context, or pull
/// <see cref="Image"/>), then run one container from it. Parsed and validated by
/// <see cref="JobSpecParser"/>; stored with the run as canonical JSON by <see cref="JobSpecJson"/>.
/// Exactly one of <see cref="Build"/> and <see cref="Image"/> is set.
/// </summary>
public sealed record JobSpec
{
    /// <summary>The only spec version this code understands; the JSON says <c>"version": 1</c> (optional on input).</summary>
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public string? Name { get; init; }
    public string Queue { get; init; } = "default";
    public BuildSpec? Build { get; init; }
    public string? Image { get; init; }
    public PullPolicy Pull { get; init; } = PullPolicy.IfNotPresent;
    public RunSpec Run { get; init; } = new();
    public RetrySpec Retry { get; init; } = new();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyMap;

    internal static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}

public sealed record BuildSpec
{
    /// <summary>Path of the Dockerfile inside the build context.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";
    public IReadOnlyDictionary<string, string> Args { get; init; } = JobSpec.EmptyMap;
    public string? Target { get; init; }
    public bool NoCache { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}

public enum PullPolicy
{
    IfNotPresent,
    Always,
    Never,
}

public sealed record RunSpec
{
    /// <summary>Null means the image's CMD. Never empty once validated.</summary>
    public IReadOnlyList<string>? Command { get; init; }
    /// <summary>Null means the image's ENTRYPOINT.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyDictionary<string, string> Env { get; init; } = JobSpec.EmptyMap;
    /// <summary>Names of environment variables whose values come from the worker's configuration
    /// (<c>Dockhand:Secrets:NAME</c>), so no secret travels in a spec, a job argument or a log.</summary>
    public IReadOnlyList<string> SecretEnv { get; init; } = [];
    public string? Workdir { get; init; }
    public string? User { get; init; }
    /// <summary><c>none</c> unless the spec asks for another and the worker's policy allows it.</summary>
    public string Network { get; init; } = "none";
    public ResourceSpec Resources { get; init; } = new();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
    public IReadOnlyList<int> SuccessExitCodes { get; init; } = [0];
}

public sealed record ResourceSpec
{
    /// <summary>Bytes; JSON takes sizes like <c>512Mi</c>, <c>1G</c> or a plain number of bytes. At least 6 MiB (the engine's floor).</summary>
    public long MemoryBytes { get; init; } = 512L * 1024 * 1024;
    public double Cpus { get; init; } = 1.0;
    public long Pids { get; init; } = 256;
}

public sealed record RetrySpec
{
    /// <summary>Total attempts including the first; 1 means no retry.</summary>
    public int Attempts { get; init; } = 1;
    public BackoffSpec Backoff { get; init; } = new();
    /// <summary>First matching rule wins; with no match, failures of class app, resource and infra are retried, build and pull fail at once.</summary>
    public IReadOnlyList<RetryRule> Rules { get; init; } = [];
}

public enum BackoffKind
{
    Fixed,
    Exponential,
}

public sealed record BackoffSpec
{
    public BackoffKind Kind { get; init; } = BackoffKind.Exponential;
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Max { get; init; } = TimeSpan.FromMinutes(10);
    public bool Jitter { get; init; } = true;
}

/// <summary>Matches a failure by exit codes and/or class (both must match when both are set).</summary>
public sealed record RetryRule
{
    public IReadOnlyList<int>? ExitCodes { get; init; }
    public FailureClass? Class { get; init; }
    public RetryAction Action { get; init; } = RetryAction.Retry;
    /// <summary>False: a retry by this rule does not use up one of <see cref="RetrySpec.Attempts"/>.</summary>
    public bool CountsAgainstAttempts { get; init; } = true;
}

public enum RetryAction
{
    Retry,
    Fail,
}
