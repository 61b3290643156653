using System.Web;

namespace Dockhand.Tests.Cli;

public sealed class LogsCommandTests
{
    private readonly Guid runId = Guid.NewGuid();

    [Fact]
    public async Task Logs_Follow_PrintsEntriesInOrderAcrossPages_AndStopsWhenFinished()
    {
        // The run is still going: one page with data, an empty poll, more data, then the end.
        var pages = new Queue<object>(
        [
            StubServer.LogPage(runId, 20, false, StubServer.LogEntry(10, "build", "Step 1/1 : FROM scratch\n"), StubServer.LogEntry(20, "stdout", "hello wo")),
            StubServer.LogPage(runId, 20, false),
            StubServer.LogPage(runId, 40, false, StubServer.LogEntry(30, "stdout", "rld\nsecond line\n"), StubServer.LogEntry(40, "stderr", "warning: disk\n")),
            StubServer.LogPage(runId, 50, true, StubServer.LogEntry(50, "system", "attempt 1 exited with code 0\n")),
        ]);
        var server = new StubServer(_ => StubServer.Json(pages.Dequeue()));

        var result = await CliRunner.RunAsync(server, "logs", runId.ToString(), "--follow");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "build  | Step 1/1 : FROM scratch\n" +
            "stdout | hello world\n" +
            "stdout | second line\n" +
            "system | attempt 1 exited with code 0\n",
            result.Out);
        Assert.Equal("stderr | warning: disk\n", result.Error);
        Assert.Empty(pages);
        Assert.Equal(["0", "20", "20", "40"], server.Requests.Select(r => HttpUtility.ParseQueryString(r.Uri.Query)["after"]));
    }

    [Fact]
    public async Task Logs_WithoutFollow_StopsAtTheFirstEmptyPage()
    {
        var pages = new Queue<object>(
        [
            StubServer.LogPage(runId, 1, false, StubServer.LogEntry(1, "stdout", "so far\n")),
            StubServer.LogPage(runId, 1, false),
        ]);
        var server = new StubServer(_ => StubServer.Json(pages.Dequeue()));

        var result = await CliRunner.RunAsync(server, "logs", runId.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("stdout | so far\n", result.Out);
        Assert.Empty(pages);
    }

    [Fact]
    public async Task Logs_OneStream_AsksTheServerForIt_AndPrintsRawText()
    {
        var server = new StubServer(_ => StubServer.Json(
            StubServer.LogPage(runId, 2, true, StubServer.LogEntry(1, "stderr", "first\nsec"), StubServer.LogEntry(2, "stderr", "ond\n"))));

        var result = await CliRunner.RunAsync(server, "logs", runId.ToString(), "--stream", "stderr");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("first\nsecond\n", result.Out);
        Assert.Equal("", result.Error);
        Assert.Equal("stderr", HttpUtility.ParseQueryString(Assert.Single(server.Requests).Uri.Query)["stream"]);
    }

    [Fact]
    public async Task Logs_Follow_StopsCleanlyWhenInterrupted()
    {
        using var interrupt = new CancellationTokenSource();
        var polls = 0;
        var server = new StubServer(_ =>
        {
            if (++polls == 3) interrupt.Cancel();
            return StubServer.Json(polls == 1
                ? StubServer.LogPage(runId, 1, false, StubServer.LogEntry(1, "stdout", "no newline yet"))
                : StubServer.LogPage(runId, 1, false));
        });

        var result = await CliRunner.RunAsync(
            server, new Dictionary<string, string> { ["DOCKHAND_URL"] = CliRunner.Server }, interrupt.Token, "logs", runId.ToString(), "-f");

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("stdout | no newline yet" + Environment.NewLine, result.Out);
        Assert.Equal("", result.Error);
    }
}
