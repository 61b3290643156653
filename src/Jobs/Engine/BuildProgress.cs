using System.Text;
using Docker.DotNet.Models;

namespace Dockhand.Jobs.Engine;

/// <summary>
/// Reads the classic builder's progress messages: <c>stream</c> text becomes log lines (a line
/// split over two messages is joined), and the first <c>error</c> is kept, since a failing
/// step does not make the client throw.
/// </summary>
internal sealed class BuildProgress : IProgress<JSONMessage>
{
    private readonly LineRelay _relay;
    private readonly StringBuilder _partialLine = new();

    public BuildProgress(LineRelay relay) => _relay = relay;

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        if (!string.IsNullOrEmpty(value.Stream))
        {
            PostLines(value.Stream);
        }

        var error = value.Error?.Message;
        if (!string.IsNullOrWhiteSpace(error))
        {
            Error ??= error.Trim();
            FlushPartialLine();
            _relay.Post(error.Trim());
        }
    }

    /// <summary>Posts what is left of an unfinished line, then closes the relay.</summary>
    public void Complete()
    {
        var lastLine = _partialLine.Length > 0 ? _partialLine.ToString().TrimEnd('\r') : null;
        _partialLine.Clear();
        _relay.Complete(lastLine);
    }

    private void PostLines(string text)
    {
        var start = 0;
        int newline;
        while ((newline = text.IndexOf('\n', start)) >= 0)
        {
            _partialLine.Append(text, start, newline - start);
            PostLine(_partialLine.ToString());
            _partialLine.Clear();
            start = newline + 1;
        }

        _partialLine.Append(text, start, text.Length - start);
    }

    private void FlushPartialLine()
    {
        if (_partialLine.Length > 0)
        {
            PostLine(_partialLine.ToString());
            _partialLine.Clear();
        }
    }

    private void PostLine(string line) => _relay.Post(line.TrimEnd('\r'));
}
