namespace Dockhand.Jobs.Contexts;

/// <summary>Bound from <c>Dockhand:Contexts</c>.</summary>
public sealed class ContextOptions
{
    /// <summary>The largest build context accepted, packed (and, for an upload, both compressed and expanded).</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
