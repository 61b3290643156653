using System.Text.Json;

namespace Dockhand.Jobs.Specs;

/// <summary>Reads <c>run.resources</c>: the limits the container runs under.</summary>
internal static class ResourcesSectionParser
{
    private static readonly string[] Fields = ["memory", "cpus", "pids"];

    /// <summary>Docker refuses a memory limit under 6 MB.</summary>
    public const long MinMemoryBytes = 6L << 20;
    public const long MaxMemoryBytes = 64L << 30;

    /// <summary>The CFS quota's granularity: 1 ms per 100 ms period, what <c>docker run --cpus</c> accepts at least.</summary>
    public const double MinCpus = 0.01;
    public const double MaxCpus = 64;

    /// <summary>32768 is Linux's classic pid_max: a batch job that needs more processes than a whole default machine is a fork bomb.</summary>
    public const long MaxPids = 32_768;

    public static ResourceSpec? Parse(SpecObject parent, string name)
    {
        if (parent.Object(name, Fields) is not { } resources)
        {
            return null;
        }

        var defaults = new ResourceSpec();
        return new ResourceSpec
        {
            MemoryBytes = Memory(resources) ?? defaults.MemoryBytes,
            Cpus = Cpus(resources) ?? defaults.Cpus,
            Pids = resources.IntegerBetween("pids", 1, MaxPids) ?? defaults.Pids,
        };
    }

    private static long? Memory(SpecObject resources)
    {
        if (resources.Size("memory") is not { } bytes)
        {
            return null;
        }

        var path = resources.PathOf("memory");
        // Echo the size as the user wrote it: 1000 reads better as 1000 than as 1k in an error about 1000.
        var value = resources.Get("memory")!.Value;
        var written = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : value.GetRawText();
        return resources.Reader.Check(bytes >= MinMemoryBytes, path,
                $"{written} is below the engine's floor of {ByteSize.Format(MinMemoryBytes)}")
            && resources.Reader.Check(bytes <= MaxMemoryBytes, path,
                $"{written} is above the limit of {ByteSize.Format(MaxMemoryBytes)}")
            ? bytes
            : null;
    }

    private static double? Cpus(SpecObject resources)
    {
        if (resources.Number("cpus") is not { } cpus)
        {
            return null;
        }

        return resources.Reader.Check(cpus >= MinCpus && cpus <= MaxCpus, resources.PathOf("cpus"),
            FormattableString.Invariant($"{cpus} is out of range: must be between {MinCpus} and {MaxCpus}"))
            ? cpus
            : null;
    }
}
