using System.Net;
using System.Net.Sockets;
using Dockhand.Cli.Api;
using Dockhand.Jobs.Contexts;

namespace Dockhand.Cli;

/// <summary>
/// Turns what went wrong into one clear line on stderr (a few for a spec with several errors)
/// and an exit code. Never a stack trace: the user can act on the message, not on our frames.
/// </summary>
internal static class CliErrors
{
    public static int Report(Exception error, TextWriter stderr, Uri server)
    {
        switch (error)
        {
            case CliUsageException usage:
                stderr.WriteLine($"dockhand: {usage.Message}");
                return ExitCodes.BadInput;

            case RunNotFoundException notFound:
                stderr.WriteLine($"dockhand: run {notFound.RunId} not found");
                return ExitCodes.BadInput;

            case ApiErrorException { StatusCode: HttpStatusCode.BadRequest } rejected:
                WriteRejection(rejected.Problem, stderr);
                return ExitCodes.BadInput;

            case ApiErrorException { StatusCode: HttpStatusCode.RequestEntityTooLarge } tooLarge:
                stderr.WriteLine($"dockhand: context too large: {tooLarge.Problem?.Detail ?? tooLarge.Problem?.Title ?? "the server refused its size"}");
                return ExitCodes.BadInput;

            case ApiErrorException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } refused:
                stderr.WriteLine($"dockhand: the server at {Display(server)} refused the request ({(int)refused.StatusCode} {refused.StatusCode}); set {ServerAddress.ApiKeyVariable}");
                return ExitCodes.ServerError;

            case ApiErrorException other:
                stderr.WriteLine($"dockhand: the server at {Display(server)} answered {(int)other.StatusCode} {other.StatusCode} to {other.Request}{Explain(other.Problem)}");
                return ExitCodes.ServerError;

            case UnexpectedResponseException unexpected:
                stderr.WriteLine($"dockhand: unexpected answer from {Display(server)}: {unexpected.Message}");
                return ExitCodes.ServerError;

            case HttpRequestException unreachable:
                stderr.WriteLine($"dockhand: cannot reach the Dockhand server at {Display(server)} ({Reason(unreachable)}); set --server or {ServerAddress.EnvironmentVariable}");
                return ExitCodes.ServerError;

            case TaskCanceledException:
                // Not the user's Ctrl+C (the caller checks that first): HttpClient's timeout.
                stderr.WriteLine($"dockhand: the Dockhand server at {Display(server)} did not answer in time");
                return ExitCodes.ServerError;

            case ContextTooLargeException tooLarge:
                stderr.WriteLine($"dockhand: context too large: it exceeds {tooLarge.LimitBytes} bytes");
                return ExitCodes.BadInput;

            case InvalidContextException invalid:
                stderr.WriteLine($"dockhand: invalid context: {invalid.Message}");
                return ExitCodes.BadInput;

            default:
                stderr.WriteLine($"dockhand: unexpected error ({error.GetType().Name}): {FirstLine(error.Message)}");
                return ExitCodes.ServerError;
        }
    }

    private static void WriteRejection(ApiProblem? problem, TextWriter stderr)
    {
        var isSpec = problem?.Title?.Contains("spec", StringComparison.OrdinalIgnoreCase) ?? true;
        var prefix = isSpec ? "dockhand: invalid spec: " : "dockhand: rejected: ";
        var lines = problem?.FieldErrors().Select(e => e.ToString()).ToList() ?? [];
        if (lines.Count == 0) lines.Add(problem?.Detail ?? problem?.Title ?? "the server answered 400 Bad Request");

        stderr.WriteLine(prefix + lines[0]);
        var indent = new string(' ', prefix.Length);
        foreach (var line in lines.Skip(1)) stderr.WriteLine(indent + line);
    }

    private static string Explain(ApiProblem? problem) =>
        (problem?.Title, problem?.Detail) switch
        {
            ({ } title, { } detail) => $": {title}: {detail}",
            ({ } title, null) => $": {title}",
            (null, { } detail) => $": {detail}",
            _ => "",
        };

    /// <summary>Why no connection was made, in a few words (the socket's reason when there is one).</summary>
    internal static string Reason(HttpRequestException error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                    SocketError.ConnectionReset => "connection reset",
                    _ => FirstLine(socket.Message),
                };
            }
        }
        return error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            _ => FirstLine(error.Message),
        };
    }

    private static string Display(Uri server) => server.AbsoluteUri.TrimEnd('/');

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
