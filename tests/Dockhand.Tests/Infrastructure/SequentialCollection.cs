namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// Tests that must not overlap with others run here, one at a time, after the parallel ones:
/// those that start a Dockhand host (Hangfire keeps process-wide state: its log provider is
/// bound to the last host's logger factory, so a host disposed while another runs faults the
/// other's scheduler and workers), and those that measure the process's memory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Sequential: Dockhand hosts and memory measurements";
}
