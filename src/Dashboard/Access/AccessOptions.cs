namespace Dockhand.Dashboard.Access;

/// <summary>Bound from <c>Dockhand:Auth</c>.</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// When set, remote callers are let in with it: <c>Authorization: Bearer KEY</c> (CLI, API) or
    /// HTTP Basic with any user name and KEY as password (a browser on the dashboard). When not
    /// set, only callers on this machine (loopback) are served.
    /// </summary>
    public string? ApiKey { get; set; }
}
