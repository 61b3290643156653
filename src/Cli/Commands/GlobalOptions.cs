using System.CommandLine;

namespace Dockhand.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"URL of the Dockhand server (else ${ServerAddress.EnvironmentVariable}, else {ServerAddress.Default}). The API key comes from ${ServerAddress.ApiKeyVariable}.",
        HelpName = "URL",
        Recursive = true,
    };
}
