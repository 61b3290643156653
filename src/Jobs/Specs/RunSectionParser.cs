namespace Dockhand.Jobs.Specs;

/// <summary>Reads <c>run</c>: how to run the one container of an attempt.</summary>
internal static class RunSectionParser
{
    private static readonly string[] Fields =
    [
        "command", "entrypoint", "env", "secretEnv", "workdir", "user", "network", "resources", "timeout", "successExitCodes",
    ];

    private static readonly string[] BuiltInNetworks = ["none", "bridge", "host"];

    public static RunSpec? Parse(SpecObject parent, string name)
    {
        if (parent.Object(name, Fields) is not { } run)
        {
            return null;
        }

        var defaults = new RunSpec();
        var env = run.VariableMap("env") ?? defaults.Env;
        return new RunSpec
        {
            Command = NonEmpty(run, "command", "leave it out to use the image's default command"),
            Entrypoint = NonEmpty(run, "entrypoint", "leave it out to use the image's entrypoint"),
            Env = env,
            SecretEnv = SecretEnv(run, env) ?? defaults.SecretEnv,
            Workdir = Workdir(run),
            User = User(run),
            Network = Network(run) ?? defaults.Network,
            Resources = ResourcesSectionParser.Parse(run, "resources") ?? defaults.Resources,
            Timeout = run.PositiveDuration("timeout") ?? defaults.Timeout,
            SuccessExitCodes = run.ExitCodes("successExitCodes") ?? defaults.SuccessExitCodes,
        };
    }

    private static IReadOnlyList<string>? NonEmpty(SpecObject run, string name, string instead)
    {
        var values = run.Strings(name);
        return values is null || run.Reader.Check(values.Count > 0, run.PathOf(name), $"must not be empty; {instead}")
            ? values
            : null;
    }

    /// <summary>Names only: the values come from the worker's configuration, so no secret travels in a spec.</summary>
    private static IReadOnlyList<string>? SecretEnv(SpecObject run, IReadOnlyDictionary<string, string> env)
    {
        if (run.Strings("secretEnv") is not { } names)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var allGood = true;
        for (var i = 0; i < names.Count; i++)
        {
            var path = SpecPath.Index(run.PathOf("secretEnv"), i);
            var quoted = SpecReader.Quote(names[i]);
            allGood &= run.Reader.Check(SpecRules.EnvName().IsMatch(names[i]), path, $"{quoted} {SpecRules.EnvNameRule}")
                && run.Reader.Check(seen.Add(names[i]), path, $"{quoted} is listed more than once")
                && run.Reader.Check(!env.ContainsKey(names[i]), path,
                    $"{quoted} is also set in {run.PathOf("env")}; a variable comes from one or the other");
        }

        return allGood ? names : null;
    }

    private static string? Workdir(SpecObject run)
    {
        var workdir = run.String("workdir");
        return workdir is null || run.Reader.Check(workdir.StartsWith('/'), run.PathOf("workdir"),
            $"{SpecReader.Quote(workdir)} must be an absolute path in the container, like \"/app\"")
            ? workdir
            : null;
    }

    private static string? User(SpecObject run)
    {
        var user = run.String("user");
        return user is null || run.Reader.Check(SpecRules.User().IsMatch(user), run.PathOf("user"),
            $"{SpecReader.Quote(user)} is not a user like \"1000\", \"1000:1000\" or \"app\"")
            ? user
            : null;
    }

    /// <summary>Syntax only: whether a worker lets a job leave <c>none</c> is the worker's policy.</summary>
    private static string? Network(SpecObject run)
    {
        var network = run.String("network");
        return network is null || BuiltInNetworks.Contains(network) || run.Reader.Check(
            SpecRules.NetworkName().IsMatch(network), run.PathOf("network"),
            $"{SpecReader.Quote(network)} is not none, bridge, host or a network name (a letter or digit, then letters, digits, _, . or -)")
            ? network
            : null;
    }
}
