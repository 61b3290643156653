using static Dockhand.Tests.Specs.SpecTestJson;

namespace Dockhand.Tests.Specs;

/// <summary>Each rule a spec follows, broken once: the one error names the field and says the rule.</summary>
public sealed class JobSpecParserRuleTests
{
    [Theory]
    // Top level
    [InlineData("{ 'image': 'app', 'version': 2 }", "version: 2 is not supported")]
    [InlineData("{ 'image': 'app', 'version': '1' }", "version: expected a whole number, got a string")]
    [InlineData("{ 'image': 'app', 'name': 'has space' }", "name: \"has space\" may only contain")]
    [InlineData("{ 'image': 'app', 'name': '' }", "name: \"\" may only contain")]
    [InlineData("{ 'image': 'app', 'queue': 'UPPER' }", "queue: \"UPPER\" is not a queue name")]
    [InlineData("{ 'image': 'app', 'queue': 'a-very-long-queue-name-indeed' }", "queue: ")]
    [InlineData("{ 'image': 'app', 'pull': 'Sometimes' }", "pull: \"Sometimes\" is not one of IfNotPresent, Always, Never")]
    [InlineData("{ 'image': 'app', 'pull': 1 }", "pull: expected one of IfNotPresent, Always, Never, got a number")]
    [InlineData("{ 'image': 'app', 'colour': 'red' }", "colour: unknown field")]
    [InlineData("{ 'image': 'app', 'Run': {} }", "Run: unknown field (did you mean \"run\"?)")]
    [InlineData("{ 'image': 'app', 'image': 'other' }", "image: given more than once")]
    [InlineData("{ 'image': 'app', 'run': [] }", "run: expected an object, got an array")]
    // Image references
    [InlineData("{ 'image': '' }", "image: must not be empty")]
    [InlineData("{ 'image': 'Registry.example/App:1' }", "image: \"Registry.example/App:1\" is not a valid image reference: the repository name must be lowercase")]
    [InlineData("{ 'image': 'app::1' }", "image: \"app::1\" is not an image reference")]
    [InlineData("{ 'image': 'app name' }", "image: \"app name\" is not an image reference")]
    [InlineData("{ 'image': 'app@sha256:123' }", "image: \"app@sha256:123\" is not an image reference")]
    [InlineData("{ 'image': 42 }", "image: expected a string, got a number")]
    // Build
    [InlineData("{ 'build': { 'dockerfile': '/etc/Dockerfile' } }", "build.dockerfile: \"/etc/Dockerfile\" must be a path relative to the build context")]
    [InlineData("{ 'build': { 'dockerfile': 'C:\\\\Dockerfile' } }", "build.dockerfile: \"C:\\\\Dockerfile\" must be a path relative")]
    [InlineData("{ 'build': { 'dockerfile': 'a/../../Dockerfile' } }", "build.dockerfile: \"a/../../Dockerfile\" leads out of the build context")]
    [InlineData("{ 'build': { 'dockerfile': '' } }", "build.dockerfile: must not be empty")]
    [InlineData("{ 'build': { 'dockerfile': 'a/..' } }", "build.dockerfile: \"a/..\" names the context itself")]
    [InlineData("{ 'build': { 'args': { 'VERSION': 1.2 } } }", "build.args.VERSION: expected a string, got a number; quote it: \"1.2\"")]
    [InlineData("{ 'build': { 'args': { '1X': 'a' } } }", "build.args[\"1X\"]: \"1X\" is not a variable name")]
    [InlineData("{ 'build': { 'target': '-final' } }", "build.target: \"-final\" is not a build stage name")]
    [InlineData("{ 'build': { 'noCache': 'yes' } }", "build.noCache: expected true or false, got a string")]
    [InlineData("{ 'build': { 'timeout': '25:00:00' } }", "build.timeout: 1.01:00:00 is longer than the limit of 1.00:00:00")]
    [InlineData("{ 'build': { 'tiemout': '00:01:00' } }", "build.tiemout: unknown field (did you mean \"timeout\"?)")]
    // Run
    [InlineData("{ 'image': 'app', 'run': { 'comand': ['x'] } }", "run.comand: unknown field (did you mean \"command\"?)")]
    [InlineData("{ 'image': 'app', 'run': { 'command': 5 } }", "run.command: expected an array of strings, got a number")]
    [InlineData("{ 'image': 'app', 'run': { 'command': 'echo hi' } }", "run.command: expected an array of strings, got a string")]
    [InlineData("{ 'image': 'app', 'run': { 'command': ['echo', 1] } }", "run.command[1]: expected a string, got a number")]
    [InlineData("{ 'image': 'app', 'run': { 'command': [] } }", "run.command: must not be empty; leave it out to use the image's default command")]
    [InlineData("{ 'image': 'app', 'run': { 'entrypoint': [] } }", "run.entrypoint: must not be empty; leave it out to use the image's entrypoint")]
    [InlineData("{ 'image': 'app', 'run': { 'env': { 'DEBUG': true } } }", "run.env.DEBUG: expected a string, got a boolean; quote it: \"true\"")]
    [InlineData("{ 'image': 'app', 'run': { 'env': { 'A': {} } } }", "run.env.A: expected a string, got an object")]
    [InlineData("{ 'image': 'app', 'run': { 'env': { 'MY-VAR': 'x' } } }", "run.env[\"MY-VAR\"]: \"MY-VAR\" is not a variable name")]
    [InlineData("{ 'image': 'app', 'run': { 'env': { 'A': 'x', 'A': 'y' } } }", "run.env.A: given more than once")]
    [InlineData("{ 'image': 'app', 'run': { 'env': ['A=1'] } }", "run.env: expected an object of string values, got an array")]
    [InlineData("{ 'image': 'app', 'run': { 'secretEnv': ['1PASS'] } }", "run.secretEnv[0]: \"1PASS\" is not a variable name")]
    [InlineData("{ 'image': 'app', 'run': { 'secretEnv': ['A', 'A'] } }", "run.secretEnv[1]: \"A\" is listed more than once")]
    [InlineData("{ 'image': 'app', 'run': { 'env': { 'DB': 'x' }, 'secretEnv': ['DB'] } }", "run.secretEnv[0]: \"DB\" is also set in run.env")]
    [InlineData("{ 'image': 'app', 'run': { 'workdir': 'app' } }", "run.workdir: \"app\" must be an absolute path")]
    [InlineData("{ 'image': 'app', 'run': { 'user': 'root user' } }", "run.user: \"root user\" is not a user like")]
    [InlineData("{ 'image': 'app', 'run': { 'network': 'container:abc' } }", "run.network: \"container:abc\" is not none, bridge, host or a network name")]
    [InlineData("{ 'image': 'app', 'run': { 'network': '_net' } }", "run.network: \"_net\" is not none, bridge, host")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': 0 } }", "run.timeout: must be positive")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': '-00:00:10' } }", "run.timeout: must be positive")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': 86401 } }", "run.timeout: 1.00:00:01 is longer than the limit of 1.00:00:00")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': '10m' } }", "run.timeout: \"10m\" is not a duration like \"00:30:00\" (hh:mm:ss) or a number of seconds")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': true } }", "run.timeout: expected a duration like")]
    [InlineData("{ 'image': 'app', 'run': { 'timeout': 1e300 } }", "run.timeout: 1e300 seconds is out of range")]
    [InlineData("{ 'image': 'app', 'run': { 'successExitCodes': [] } }", "run.successExitCodes: must list at least one exit code")]
    [InlineData("{ 'image': 'app', 'run': { 'successExitCodes': [0, 256] } }", "run.successExitCodes[1]: 256 is out of range: must be between 0 and 255")]
    [InlineData("{ 'image': 'app', 'run': { 'successExitCodes': [-1] } }", "run.successExitCodes[0]: -1 is out of range")]
    [InlineData("{ 'image': 'app', 'run': { 'successExitCodes': [1.5] } }", "run.successExitCodes[0]: expected a whole number, got 1.5")]
    // Resources
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': '12x' } } }", "run.resources.memory: \"12x\" is not a size like 512Mi")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': '512m' } } }", "run.resources.memory: \"512m\" is not a size like 512Mi (write Mi or Gi")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': '4Mi' } } }", "run.resources.memory: 4Mi is below the engine's floor of 6Mi")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': 1000 } } }", "run.resources.memory: 1000 is below the engine's floor of 6Mi")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': '65Gi' } } }", "run.resources.memory: 65Gi is above the limit of 64Gi")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': 1.5 } } }", "run.resources.memory: expected a size like \"512Mi\" or a whole number of bytes, got a number")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'memory': [] } } }", "run.resources.memory: expected a size like")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'cpus': 0 } } }", "run.resources.cpus: 0 is out of range: must be between 0.01 and 64")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'cpus': 65 } } }", "run.resources.cpus: 65 is out of range")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'cpus': '2' } } }", "run.resources.cpus: expected a number, got a string")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'pids': 0 } } }", "run.resources.pids: 0 is out of range: must be between 1 and 32768")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'pids': 40000 } } }", "run.resources.pids: 40000 is out of range")]
    [InlineData("{ 'image': 'app', 'run': { 'resources': { 'disk': '1Gi' } } }", "run.resources.disk: unknown field")]
    // Retry
    [InlineData("{ 'image': 'app', 'retry': { 'attempts': 0 } }", "retry.attempts: 0 is out of range: must be between 1 and 100")]
    [InlineData("{ 'image': 'app', 'retry': { 'attempts': 101 } }", "retry.attempts: 101 is out of range")]
    [InlineData("{ 'image': 'app', 'retry': { 'backoff': { 'kind': 'linear' } } }", "retry.backoff.kind: \"linear\" is not one of fixed, exponential")]
    [InlineData("{ 'image': 'app', 'retry': { 'backoff': { 'initial': 0 } } }", "retry.backoff.initial: must be positive")]
    [InlineData("{ 'image': 'app', 'retry': { 'backoff': { 'initial': 60, 'max': 30 } } }", "retry.backoff.max: 00:00:30 is shorter than initial 00:01:00")]
    [InlineData("{ 'image': 'app', 'retry': { 'backoff': { 'initial': '00:20:00' } } }", "retry.backoff.max: 00:10:00 (the default) is shorter than initial 00:20:00")]
    [InlineData("{ 'image': 'app', 'retry': { 'backoff': { 'jitter': 1 } } }", "retry.backoff.jitter: expected true or false, got a number")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': {} } }", "retry.rules: expected an array of objects, got an object")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ 'retry' ] } }", "retry.rules[0]: expected an object, got a string")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'action': 'fail' } ] } }", "retry.rules[0]: needs exitCodes, class or both")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'class': 'app' }, { 'class': 'oom' } ] } }", "retry.rules[1].class: \"oom\" is not one of build, pull, infra, resource, app")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'class': 'app', 'action': 'maybe' } ] } }", "retry.rules[0].action: \"maybe\" is not one of retry, fail")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'exitCodes': [] } ] } }", "retry.rules[0].exitCodes: must list at least one exit code")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'exitCodes': [300] } ] } }", "retry.rules[0].exitCodes[0]: 300 is out of range")]
    [InlineData("{ 'image': 'app', 'retry': { 'rules': [ { 'class': 'app', 'counts': false } ] } }", "retry.rules[0].counts: unknown field")]
    // Labels
    [InlineData("{ 'image': 'app', 'labels': { '': 'x' } }", "labels[\"\"]: a label key must not be empty")]
    [InlineData("{ 'image': 'app', 'labels': { 'IO.Dockhand.Run': 'x' } }", "labels[\"IO.Dockhand.Run\"]: keys starting with \"io.dockhand.\" are reserved for Dockhand")]
    [InlineData("{ 'image': 'app', 'labels': { 'n': 3 } }", "labels.n: expected a string, got a number; quote it: \"3\"")]
    public void Parse_RefusesABrokenRuleNamingTheField(string json, string expectedStart)
    {
        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesALabelKeyLongerThan100Characters()
    {
        var key = new string('k', 101);

        var error = Assert.Single(ErrorsOf($"{{ 'image': 'app', 'labels': {{ '{key}': 'x' }} }}"));

        Assert.Equal($"labels.{key}: a label key must be at most 100 characters", error);
    }

    [Fact]
    public void Parse_RefusesANameLongerThan100Characters()
    {
        var error = Assert.Single(ErrorsOf($"{{ 'image': 'app', 'name': '{new string('n', 101)}' }}"));

        Assert.Equal("name: must be at most 100 characters", error);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("bridge")]
    [InlineData("host")]
    [InlineData("my_net.1-a")]
    public void Parse_AcceptsBuiltInAndUserNetworks(string network)
    {
        var spec = Valid(Quotes($"{{ 'image': 'app', 'run': {{ 'network': '{network}' }} }}"));

        Assert.Equal(network, spec.Run.Network);
    }

    [Theory]
    [InlineData("Dockerfile")]
    [InlineData("./docker/Dockerfile.prod")]
    [InlineData("a/../Dockerfile")]
    public void Parse_AcceptsDockerfilePathsInsideTheContext(string path)
    {
        var spec = Valid(Quotes($"{{ 'build': {{ 'dockerfile': '{path}' }} }}"));

        Assert.Equal(path, spec.Build!.Dockerfile);
    }
}
