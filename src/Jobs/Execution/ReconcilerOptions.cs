namespace Dockhand.Jobs.Execution;

/// <summary>Bound from <c>Dockhand:Reconciler</c>.</summary>
public sealed class ReconcilerOptions
{
    /// <summary>How often this worker looks for its orphaned containers (also once at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A container younger than this is left alone: its attempt may not have recorded it yet.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(30);
}
