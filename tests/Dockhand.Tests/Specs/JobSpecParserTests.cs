using Dockhand.Jobs.Specs;
using static Dockhand.Tests.Specs.SpecTestJson;

namespace Dockhand.Tests.Specs;

public sealed class JobSpecParserTests
{
    [Fact]
    public void Parse_ReadsEveryFieldOfAFullSpec()
    {
        var spec = Valid("""
            {
              "version": 1,
              "name": "nightly-report",
              "queue": "reports",
              "build": { "dockerfile": "docker/app.Dockerfile", "args": { "VERSION": "1.2" }, "target": "final",
                         "noCache": true, "timeout": "00:05:00" },
              "pull": "always",
              "run": { "command": ["sh", "-c", "make report"], "entrypoint": ["/bin/tini", "--"],
                       "env": { "MODE": "full" }, "secretEnv": ["DB_PASSWORD"], "workdir": "/app",
                       "user": "1000:1000", "network": "bridge",
                       "resources": { "memory": "1Gi", "cpus": 1.5, "pids": 100 },
                       "timeout": 90, "successExitCodes": [0, 3] },
              "retry": { "attempts": 3, "backoff": { "kind": "Fixed", "initial": "00:00:05", "max": "00:01:00", "jitter": false },
                         "rules": [ { "exitCodes": [2], "action": "fail" },
                                    { "class": "infra", "action": "retry", "countsAgainstAttempts": false } ] },
              "labels": { "team": "data" }
            }
            """);

        Assert.Equal(1, spec.Version);
        Assert.Equal("nightly-report", spec.Name);
        Assert.Equal("reports", spec.Queue);
        Assert.Null(spec.Image);
        Assert.Equal(PullPolicy.Always, spec.Pull);

        var build = Assert.IsType<BuildSpec>(spec.Build);
        Assert.Equal("docker/app.Dockerfile", build.Dockerfile);
        Assert.Equal("1.2", build.Args["VERSION"]);
        Assert.Equal("final", build.Target);
        Assert.True(build.NoCache);
        Assert.Equal(TimeSpan.FromMinutes(5), build.Timeout);

        Assert.Equal(["sh", "-c", "make report"], spec.Run.Command);
        Assert.Equal(["/bin/tini", "--"], spec.Run.Entrypoint);
        Assert.Equal("full", spec.Run.Env["MODE"]);
        Assert.Equal(["DB_PASSWORD"], spec.Run.SecretEnv);
        Assert.Equal("/app", spec.Run.Workdir);
        Assert.Equal("1000:1000", spec.Run.User);
        Assert.Equal("bridge", spec.Run.Network);
        Assert.Equal(1L << 30, spec.Run.Resources.MemoryBytes);
        Assert.Equal(1.5, spec.Run.Resources.Cpus);
        Assert.Equal(100, spec.Run.Resources.Pids);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.Run.Timeout);
        Assert.Equal([0, 3], spec.Run.SuccessExitCodes);

        Assert.Equal(3, spec.Retry.Attempts);
        Assert.Equal(BackoffKind.Fixed, spec.Retry.Backoff.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), spec.Retry.Backoff.Initial);
        Assert.Equal(TimeSpan.FromMinutes(1), spec.Retry.Backoff.Max);
        Assert.False(spec.Retry.Backoff.Jitter);
        Assert.Collection(spec.Retry.Rules,
            rule =>
            {
                Assert.Equal([2], rule.ExitCodes);
                Assert.Null(rule.Class);
                Assert.Equal(RetryAction.Fail, rule.Action);
                Assert.True(rule.CountsAgainstAttempts);
            },
            rule =>
            {
                Assert.Null(rule.ExitCodes);
                Assert.Equal(FailureClass.Infra, rule.Class);
                Assert.Equal(RetryAction.Retry, rule.Action);
                Assert.False(rule.CountsAgainstAttempts);
            });
        Assert.Equal("data", spec.Labels["team"]);
    }

    [Fact]
    public void Parse_FillsDefaultsForMissingFields()
    {
        var spec = Valid("""{ "image": "busybox" }""");

        var defaults = new JobSpec();
        Assert.Equal("busybox", spec.Image);
        Assert.Null(spec.Build);
        Assert.Null(spec.Name);
        Assert.Equal(JobSpec.CurrentVersion, spec.Version);
        Assert.Equal("default", spec.Queue);
        Assert.Equal(PullPolicy.IfNotPresent, spec.Pull);
        Assert.Null(spec.Run.Command);
        Assert.Null(spec.Run.Entrypoint);
        Assert.Empty(spec.Run.Env);
        Assert.Empty(spec.Run.SecretEnv);
        Assert.Equal("none", spec.Run.Network);
        Assert.Equal(defaults.Run.Resources, spec.Run.Resources);
        Assert.Equal(defaults.Run.Timeout, spec.Run.Timeout);
        Assert.Equal([0], spec.Run.SuccessExitCodes);
        Assert.Equal(1, spec.Retry.Attempts);
        Assert.Equal(defaults.Retry.Backoff, spec.Retry.Backoff);
        Assert.Empty(spec.Retry.Rules);
        Assert.Empty(spec.Labels);
    }

    [Fact]
    public void Parse_FillsBuildDefaultsAndTreatsNullAsMissing()
    {
        var spec = Valid("""{ "build": {}, "name": null, "run": { "entrypoint": null, "resources": null } }""");

        Assert.Equal(new BuildSpec().Dockerfile, spec.Build!.Dockerfile);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Build.Timeout);
        Assert.False(spec.Build.NoCache);
        Assert.Null(spec.Name);
        Assert.Null(spec.Run.Entrypoint);
        Assert.Equal(512L << 20, spec.Run.Resources.MemoryBytes);
    }

    [Fact]
    public void Parse_AcceptsTheDesignSketchWithCommentsAndTrailingCommas()
    {
        // The design page's sketch, with its build section removed (a spec builds OR pulls).
        var spec = Valid("""
            {
              "name": "nightly-report",
              "queue": "default",
              "image": "registry.example/app:1.2",          // instead of build: pull
              "pull": "IfNotPresent",
              "run": { "command": ["sh", "-c", "make report"], "entrypoint": null,
                       "env": { "MODE": "full" }, "secretEnv": ["DB_PASSWORD"], "workdir": "/app",
                       "user": "1000:1000", "network": "none",
                       "resources": { "memory": "512Mi", "cpus": 1.0, "pids": 256 },
                       "timeout": "00:30:00", "successExitCodes": [0] },
              "retry": { "attempts": 3, "backoff": { "kind": "exponential", "initial": "00:00:10",
                         "max": "00:10:00", "jitter": true },
                         "rules": [ { "exitCodes": [2], "action": "fail" },
                                    { "class": "infra", "action": "retry", "countsAgainstAttempts": false }, ] },
              /* block comments too */
              "labels": { "team": "data", },
            }
            """);

        Assert.Equal("registry.example/app:1.2", spec.Image);
        Assert.Equal(512L << 20, spec.Run.Resources.MemoryBytes);
        Assert.Equal(2, spec.Retry.Rules.Count);
    }

    [Fact]
    public void Parse_RefusesTheDesignSketchAsIsBecauseItBothBuildsAndPulls()
    {
        var errors = ErrorsOf("""
            { "build": { "dockerfile": "Dockerfile" }, "image": "registry.example/app:1.2" }
            """);

        Assert.Equal(["image: cannot be given together with build; a spec either builds its image or pulls one"], errors);
    }

    [Fact]
    public void Parse_NamesBothBuildAndImageWhenNeitherIsGiven()
    {
        var error = Assert.Single(ErrorsOf("{ 'name': 'x' }"));

        Assert.StartsWith("$: ", error, StringComparison.Ordinal);
        Assert.Contains("build", error, StringComparison.Ordinal);
        Assert.Contains("image", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsEveryProblemAtOnce()
    {
        var errors = ErrorsOf("""
            {
              'version': 2,
              'queue': 'Default',
              'image': 'app:1',
              'pull': 'Sometimes',
              'run': { 'comand': ['x'], 'resources': { 'memory': '12x', 'cpus': 0 }, 'timeout': 0,
                       'env': { 'PORT': 8080 } },
              'retry': { 'attempts': 0, 'rules': [ { 'class': 'app' }, { 'exitCodes': [1], 'action': 'maybe' } ] },
              'labels': { 'io.dockhand.run': 'x' }
            }
            """);

        Assert.Equal(
            [
                "version: 2 is not supported; this Dockhand reads version 1",
                "queue: \"Default\" is not a queue name: 1 to 20 lowercase letters, digits, _ or -",
                "pull: \"Sometimes\" is not one of IfNotPresent, Always, Never",
                "run.comand: unknown field (did you mean \"command\"?)",
                "run.env.PORT: expected a string, got a number; quote it: \"8080\"",
                "run.resources.memory: \"12x\" is not a size like 512Mi",
                "run.resources.cpus: 0 is out of range: must be between 0.01 and 64",
                "run.timeout: must be positive",
                "retry.attempts: 0 is out of range: must be between 1 and 100",
                "retry.rules[1].action: \"maybe\" is not one of retry, fail",
                "labels[\"io.dockhand.run\"]: keys starting with \"io.dockhand.\" are reserved for Dockhand",
            ],
            errors);
    }

    [Theory]
    [InlineData("{ 'image': 'app', }x", "$: not valid JSON at line 1, position")]
    [InlineData("{\n  'image': 'app'\n  'pull': 'Always'\n}", "$: not valid JSON at line 3, position 3")]
    [InlineData("", "$: not valid JSON at line 1, position 1")]
    public void Parse_ReportsMalformedJsonAsOneErrorWithItsPosition(string json, string expectedStart)
    {
        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesARootThatIsNotAnObject()
    {
        Assert.Equal(["$: expected an object, got an array"], ErrorsOf("[]"));
    }

    [Fact]
    public void Parse_ReadsEnumsCaseInsensitively()
    {
        var spec = Valid(Quotes("""
            { 'image': 'app', 'pull': 'NEVER',
              'retry': { 'backoff': { 'kind': 'EXPONENTIAL' }, 'rules': [ { 'class': 'Resource', 'action': 'Fail' } ] } }
            """));

        Assert.Equal(PullPolicy.Never, spec.Pull);
        Assert.Equal(BackoffKind.Exponential, spec.Retry.Backoff.Kind);
        Assert.Equal(FailureClass.Resource, spec.Retry.Rules[0].Class);
        Assert.Equal(RetryAction.Fail, spec.Retry.Rules[0].Action);
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("busybox:1.36")]
    [InlineData("library/busybox:latest")]
    [InlineData("registry.example/team/app:1.2")]
    [InlineData("localhost:5000/app")]
    [InlineData("127.0.0.1:5000/app:v1")]
    [InlineData("Registry.Example:443/app_x__y-z.w:TAG_1")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Parse_AcceptsImageReferences(string image)
    {
        Assert.Equal(image, Valid(Quotes($"{{ 'image': '{image}' }}")).Image);
    }

    [Theory]
    [InlineData("24:00:00", 24 * 3600)]
    [InlineData("1.00:00:00", 24 * 3600)]
    [InlineData("00:00:00.5", 0.5)]
    [InlineData("0:1:2", 62)]
    public void Parse_ReadsDurationsInTheirWrittenForms(string duration, double seconds)
    {
        var spec = Valid(Quotes($"{{ 'image': 'app', 'run': {{ 'timeout': '{duration}' }} }}"));

        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.Run.Timeout);
    }
}
