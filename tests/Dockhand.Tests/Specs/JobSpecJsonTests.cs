using Dockhand.Jobs.Specs;
using static Dockhand.Tests.Specs.SpecTestJson;

namespace Dockhand.Tests.Specs;

public sealed class JobSpecJsonTests
{
    private static readonly JobSpec Full = new()
    {
        Name = "nightly-report",
        Queue = "reports",
        Build = new BuildSpec
        {
            Dockerfile = "docker/app.Dockerfile",
            Args = new Dictionary<string, string> { ["VERSION"] = "1.2", ["A"] = "quote \" and <html> + ünïcode" },
            Target = "final",
            NoCache = true,
            Timeout = TimeSpan.FromHours(24),
        },
        Pull = PullPolicy.Never,
        Run = new RunSpec
        {
            Command = ["sh", "-c", "make report"],
            Entrypoint = [""],
            Env = new Dictionary<string, string> { ["MODE"] = "full" },
            SecretEnv = ["DB_PASSWORD"],
            Workdir = "/app",
            User = "1000:1000",
            Network = "bridge",
            Resources = new ResourceSpec { MemoryBytes = 123_456_789, Cpus = 0.25, Pids = 64 },
            Timeout = TimeSpan.FromMilliseconds(1500),
            SuccessExitCodes = [0, 3],
        },
        Retry = new RetrySpec
        {
            Attempts = 5,
            Backoff = new BackoffSpec { Kind = BackoffKind.Fixed, Initial = TimeSpan.FromSeconds(3), Max = TimeSpan.FromSeconds(3), Jitter = false },
            Rules =
            [
                new RetryRule { ExitCodes = [2, 3], Action = RetryAction.Fail },
                new RetryRule { Class = FailureClass.Infra, CountsAgainstAttempts = false },
                new RetryRule { ExitCodes = [137], Class = FailureClass.Resource },
            ],
        },
        Labels = new Dictionary<string, string> { ["team"] = "data", ["app.kubernetes.io/name"] = "report" },
    };

    [Fact]
    public void Serialize_ThenParse_GivesBackTheSameSpec()
    {
        var json = JobSpecJson.Serialize(Full);
        var parsed = Valid(json);

        Assert.Equal(json, JobSpecJson.Serialize(parsed));
        Assert.Equal(Full.Build!.Args, parsed.Build!.Args);
        Assert.Equal(Full.Run.Command, parsed.Run.Command);
        Assert.Equal(Full.Run.Entrypoint, parsed.Run.Entrypoint);
        Assert.Equal(Full.Run.Resources, parsed.Run.Resources);
        Assert.Equal(Full.Run.Timeout, parsed.Run.Timeout);
        Assert.Equal(Full.Retry.Backoff, parsed.Retry.Backoff);
        Assert.Equal(Full.Retry.Rules.Count, parsed.Retry.Rules.Count);
        Assert.Equal(Full.Retry.Rules[2].ExitCodes, parsed.Retry.Rules[2].ExitCodes);
        Assert.Equal(Full.Retry.Rules[2].Class, parsed.Retry.Rules[2].Class);
        Assert.Equal(Full.Labels, parsed.Labels);
    }

    [Fact]
    public void Serialize_ThenParse_KeepsAPulledImageAndTheDefaults()
    {
        var spec = new JobSpec { Image = "registry.example/app:1.2" };

        var parsed = Valid(JobSpecJson.Serialize(spec));

        Assert.Equal(JobSpecJson.Serialize(spec), JobSpecJson.Serialize(parsed));
        Assert.Equal("registry.example/app:1.2", parsed.Image);
        Assert.Null(parsed.Build);
        Assert.Null(parsed.Run.Command);
        Assert.Equal(new JobSpec().Run.Resources, parsed.Run.Resources);
    }

    [Fact]
    public void Serialize_WritesTheCanonicalForm()
    {
        var json = JobSpecJson.Serialize(new JobSpec { Image = "app", Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } });

        Assert.Equal(
            Quotes("{'version':1,'queue':'default','image':'app','pull':'IfNotPresent',"
            + "'run':{'env':{},'secretEnv':[],'network':'none','resources':{'memory':536870912,'cpus':1,'pids':256},"
            + "'timeout':'00:30:00','successExitCodes':[0]},"
            + "'retry':{'attempts':1,'backoff':{'kind':'exponential','initial':'00:00:10','max':'00:10:00','jitter':true},'rules':[]},"
            + "'labels':{'a':'1','b':'2'}}"),
            json);
    }

    [Fact]
    public void Serialize_WritesRuleEnumsAndDurationsAsTheParserReadsThem()
    {
        var json = JobSpecJson.Serialize(Full);

        Assert.Contains("\"timeout\":\"1.00:00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"timeout\":\"00:00:01.5000000\"", json, StringComparison.Ordinal);
        Assert.Contains("{\"exitCodes\":[137],\"class\":\"resource\",\"action\":\"retry\",\"countsAgainstAttempts\":true}", json, StringComparison.Ordinal);
        Assert.Contains("\"pull\":\"Never\"", json, StringComparison.Ordinal);
    }
}
