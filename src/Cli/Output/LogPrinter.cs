using Dockhand.Cli.Api;

namespace Dockhand.Cli.Output;

/// <summary>
/// Writes log chunks as they arrive. Prefixed mode (all streams) starts each line with its stream
/// (<c>stdout | </c>) and sends stderr lines to the CLI's stderr; a chunk may end mid-line, so the
/// printer remembers whether a line is open and closes it before another stream writes. Raw mode
/// (one stream asked for) writes the text exactly, so it can be piped.
/// </summary>
internal sealed class LogPrinter(TextWriter stdout, TextWriter stderr, bool prefixed)
{
    private string? openStream;
    private TextWriter? openWriter;

    public void Write(LogEntry entry)
    {
        if (!prefixed)
        {
            stdout.Write(entry.Text);
            return;
        }

        if (openStream is not null && !string.Equals(openStream, entry.Stream, StringComparison.Ordinal)) Complete();

        var target = string.Equals(entry.Stream, LogStreams.Stderr, StringComparison.Ordinal) ? stderr : stdout;
        var text = entry.Text.AsSpan();
        while (!text.IsEmpty)
        {
            if (openStream is null)
            {
                target.Write(Prefix(entry.Stream));
                openStream = entry.Stream;
                openWriter = target;
            }

            var newline = text.IndexOf('\n');
            if (newline < 0)
            {
                target.Write(text);
                return;
            }
            target.Write(text[..(newline + 1)]);
            openStream = null;
            openWriter = null;
            text = text[(newline + 1)..];
        }
    }

    /// <summary>Ends a line left open by a chunk, so the next output (or the shell's prompt) starts on its own line.</summary>
    public void Complete()
    {
        openWriter?.WriteLine();
        openWriter?.Flush();
        openStream = null;
        openWriter = null;
    }

    internal static string Prefix(string stream) => $"{stream,-6} | ";
}
