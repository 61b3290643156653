using System.Net;
using Dockhand.Cli;
using Dockhand.Cli.Api;
using Dockhand.Jobs.Contexts;

namespace Dockhand.Tests.Cli;

public sealed class CliErrorsTests
{
    private static readonly Uri Server = new("http://dockhand.test:5080/");

    [Fact]
    public void ContextLargerThanTheLimit_IsBadInput_InOneLine()
    {
        using var stderr = new StringWriter();

        var exitCode = CliErrors.Report(new ContextTooLargeException(1024), stderr, Server);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("dockhand: context too large: it exceeds 1024 bytes" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void InvalidContext_IsBadInput_WithThePackersReason()
    {
        using var stderr = new StringWriter();

        var exitCode = CliErrors.Report(new InvalidContextException("context: entry ../x escapes the context root"), stderr, Server);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("dockhand: invalid context: context: entry ../x escapes the context root" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void BadRequestAboutTheContext_IsNotCalledAnInvalidSpec()
    {
        using var stderr = new StringWriter();
        var problem = System.Text.Json.JsonSerializer.Deserialize(
            """{"title":"The request is invalid","status":400,"errors":[{"field":"context","message":"required when the spec has a build"}]}""",
            ApiJson.Default.ApiProblem);

        var exitCode = CliErrors.Report(new ApiErrorException(HttpStatusCode.BadRequest, "POST api/runs", problem), stderr, Server);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("dockhand: rejected: context: required when the spec has a build" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void AspNetStyleErrorMap_IsPrintedFieldByField()
    {
        var problem = System.Text.Json.JsonSerializer.Deserialize(
            """{"title":"The job spec is invalid","status":400,"errors":{"run.timeout":["must be positive"],"image":["is required"]}}""",
            ApiJson.Default.ApiProblem);

        Assert.Equal(["run.timeout: must be positive", "image: is required"], problem!.FieldErrors().Select(e => e.ToString()));
    }
}
