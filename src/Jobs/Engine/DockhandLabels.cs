namespace Dockhand.Jobs.Engine;

/// <summary>Labels Dockhand puts on what it creates, so the reconciler can tell its containers from anyone else's.</summary>
public static class DockhandLabels
{
    public const string Run = "io.dockhand.run";
    public const string Attempt = "io.dockhand.attempt";
    public const string Node = "io.dockhand.node";
    public const string BuildKey = "io.dockhand.build-key";
}
