using Dockhand.Cli.Api;
using Dockhand.Cli.Output;

namespace Dockhand.Tests.Cli;

public sealed class LogPrinterTests
{
    [Fact]
    public void Prefixed_ClosesAnOpenLineWhenAnotherStreamWrites()
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var printer = new LogPrinter(stdout, stderr, prefixed: true);

        printer.Write(Entry("stdout", "partial"));
        printer.Write(Entry("system", "retrying\n"));
        printer.Write(Entry("stdout", "a\nb\n\nc"));
        printer.Complete();

        Assert.Equal("stdout | partial\nsystem | retrying\nstdout | a\nstdout | b\nstdout | \nstdout | c\n", stdout.ToString());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Prefixed_SendsStderrToTheErrorWriter()
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var printer = new LogPrinter(stdout, stderr, prefixed: true);

        printer.Write(Entry("stderr", "half"));
        printer.Write(Entry("stdout", "out\n"));
        printer.Complete();

        Assert.Equal("stderr | half\n", stderr.ToString());
        Assert.Equal("stdout | out\n", stdout.ToString());
    }

    private static LogEntry Entry(string stream, string text) => new() { Stream = stream, Text = text };
}
