namespace Dockhand.Jobs.Execution;

/// <summary>
/// Bound from <c>Dockhand:Containers</c>: what an admin lets specs ask for beyond the
/// hardened defaults (no network, no capabilities, no privileges, no new privileges).
/// </summary>
public sealed class ContainerPolicyOptions
{
    /// <summary>Networks a spec may name in <c>run.network</c>; <c>none</c> is always allowed.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Capabilities added to every container (all others are dropped). Empty by default.</summary>
    public List<string> AddCapabilities { get; set; } = [];

    public bool AllowsNetwork(string network) =>
        network == "none" || AllowedNetworks.Contains(network, StringComparer.Ordinal);
}
