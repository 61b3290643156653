using System.Text.Json;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Writes a spec as canonical JSON, the form stored with a run: every field written (defaults
/// included, so a stored spec still means the same after a default changes), nulls left out,
/// durations as <c>"hh:mm:ss"</c>, memory as a number of bytes, enums as the parser names them.
/// <c>JobSpecParser.Parse(Serialize(spec))</c> gives back an equal spec.
/// </summary>
public static class JobSpecJson
{
    public static string Serialize(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", spec.Version);
            WriteIfSet(writer, "name", spec.Name);
            writer.WriteString("queue", spec.Queue);
            if (spec.Build is { } build)
            {
                WriteBuild(writer, build);
            }

            WriteIfSet(writer, "image", spec.Image);
            writer.WriteString("pull", SpecEnums.Pull.NameOf(spec.Pull));
            WriteRun(writer, spec.Run);
            WriteRetry(writer, spec.Retry);
            WriteMap(writer, "labels", spec.Labels);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteBuild(Utf8JsonWriter writer, BuildSpec build)
    {
        writer.WriteStartObject("build");
        writer.WriteString("dockerfile", build.Dockerfile);
        WriteMap(writer, "args", build.Args);
        WriteIfSet(writer, "target", build.Target);
        writer.WriteBoolean("noCache", build.NoCache);
        writer.WriteString("timeout", SpecDuration.Format(build.Timeout));
        writer.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter writer, RunSpec run)
    {
        writer.WriteStartObject("run");
        WriteStrings(writer, "command", run.Command);
        WriteStrings(writer, "entrypoint", run.Entrypoint);
        WriteMap(writer, "env", run.Env);
        WriteStrings(writer, "secretEnv", run.SecretEnv);
        WriteIfSet(writer, "workdir", run.Workdir);
        WriteIfSet(writer, "user", run.User);
        writer.WriteString("network", run.Network);
        writer.WriteStartObject("resources");
        writer.WriteNumber("memory", run.Resources.MemoryBytes);
        writer.WriteNumber("cpus", run.Resources.Cpus);
        writer.WriteNumber("pids", run.Resources.Pids);
        writer.WriteEndObject();
        writer.WriteString("timeout", SpecDuration.Format(run.Timeout));
        WriteNumbers(writer, "successExitCodes", run.SuccessExitCodes);
        writer.WriteEndObject();
    }

    private static void WriteRetry(Utf8JsonWriter writer, RetrySpec retry)
    {
        writer.WriteStartObject("retry");
        writer.WriteNumber("attempts", retry.Attempts);
        writer.WriteStartObject("backoff");
        writer.WriteString("kind", SpecEnums.Backoff.NameOf(retry.Backoff.Kind));
        writer.WriteString("initial", SpecDuration.Format(retry.Backoff.Initial));
        writer.WriteString("max", SpecDuration.Format(retry.Backoff.Max));
        writer.WriteBoolean("jitter", retry.Backoff.Jitter);
        writer.WriteEndObject();
        writer.WriteStartArray("rules");
        foreach (var rule in retry.Rules)
        {
            writer.WriteStartObject();
            WriteNumbers(writer, "exitCodes", rule.ExitCodes);
            if (rule.Class is { } failureClass)
            {
                writer.WriteString("class", SpecEnums.FailureClass.NameOf(failureClass));
            }

            writer.WriteString("action", SpecEnums.Action.NameOf(rule.Action));
            writer.WriteBoolean("countsAgainstAttempts", rule.CountsAgainstAttempts);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IReadOnlyList<int>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Keys sorted, so the same spec always gives the same text whatever order its dictionary kept.</summary>
    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
