using System.Net;

namespace Dockhand.Cli.Api;

/// <summary>The server answered, but not with success. <see cref="Problem"/> is set when the body was a problem document.</summary>
internal sealed class ApiErrorException : Exception
{
    public ApiErrorException(HttpStatusCode statusCode, string request, ApiProblem? problem)
        : base($"{request} answered {(int)statusCode} {statusCode}")
    {
        StatusCode = statusCode;
        Request = request;
        Problem = problem;
    }

    public HttpStatusCode StatusCode { get; }
    /// <summary>Method and path, for messages: <c>POST api/runs</c>.</summary>
    public string Request { get; }
    public ApiProblem? Problem { get; }
}

/// <summary>The server has no run with this id (404 on a run's resource).</summary>
internal sealed class RunNotFoundException(string runId) : Exception($"run {runId} not found")
{
    public string RunId { get; } = runId;
}

/// <summary>The server answered success with a body that is not what the contract says: probably not a Dockhand server.</summary>
internal sealed class UnexpectedResponseException(string message, Exception? inner = null) : Exception(message, inner);
