namespace Dockhand.Jobs.Specs;

/// <summary>Reads <c>build</c>: how to build the image from the run's context.</summary>
internal static class BuildSectionParser
{
    private static readonly string[] Fields = ["dockerfile", "args", "target", "noCache", "timeout"];

    public static BuildSpec? Parse(SpecObject parent, string name)
    {
        if (parent.Object(name, Fields) is not { } build)
        {
            return null;
        }

        var defaults = new BuildSpec();
        return new BuildSpec
        {
            Dockerfile = Dockerfile(build) ?? defaults.Dockerfile,
            Args = build.VariableMap("args") ?? defaults.Args,
            Target = Target(build),
            NoCache = build.Bool("noCache") ?? defaults.NoCache,
            Timeout = build.PositiveDuration("timeout") ?? defaults.Timeout,
        };
    }

    private static string? Dockerfile(SpecObject build)
    {
        if (build.String("dockerfile") is not { } path)
        {
            return null;
        }

        var problem = DockerfilePathProblem(path);
        return build.Reader.Check(problem is null, build.PathOf("dockerfile"), problem!) ? path : null;
    }

    /// <summary>The Dockerfile is read from the uploaded context, so its path must stay inside it.</summary>
    private static string? DockerfilePathProblem(string path)
    {
        if (path.Length == 0)
        {
            return "must not be empty; leave it out to use \"Dockerfile\"";
        }

        if (path[0] is '/' or '\\' || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':'))
        {
            return $"{SpecReader.Quote(path)} must be a path relative to the build context, like \"docker/app.Dockerfile\"";
        }

        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            depth += segment switch { ".." => -1, "" or "." => 0, _ => 1 };
            if (depth < 0)
            {
                return $"{SpecReader.Quote(path)} leads out of the build context; it must stay inside it";
            }
        }

        return depth == 0 ? $"{SpecReader.Quote(path)} names the context itself, not a file in it" : null;
    }

    private static string? Target(SpecObject build)
    {
        if (build.String("target") is not { } target)
        {
            return null;
        }

        return build.Reader.Check(SpecRules.StageName().IsMatch(target), build.PathOf("target"),
            $"{SpecReader.Quote(target)} is not a build stage name (a letter, then letters, digits, _, . or -)")
            ? target
            : null;
    }
}
