namespace Dockhand.Cli;

/// <summary>What the process's exit code tells a script.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The run ended Failed or Cancelled.</summary>
    public const int RunFailed = 1;
    /// <summary>Usage, invalid spec, missing file or directory, unknown run, context too large.</summary>
    public const int BadInput = 2;
    /// <summary>The server is unreachable, refused us, or answered something unexpected.</summary>
    public const int ServerError = 3;
    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
