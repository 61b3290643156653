namespace Dockhand.Jobs.Execution;

/// <summary>One entry of <c>Dockhand:Registries</c>: credentials for pulls from <see cref="Server"/> (e.g. <c>registry.example:5000</c>).</summary>
public sealed class RegistryOptions
{
    public string Server { get; set; } = "";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
}
