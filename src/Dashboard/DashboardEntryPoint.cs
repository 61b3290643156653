namespace Dockhand.Dashboard;

/// <summary>
/// Names this assembly for WebApplicationFactory in the tests. The generated Program class
/// cannot: the CLI has one of the same name, and the tests reference both.
/// </summary>
public sealed class DashboardEntryPoint
{
    private DashboardEntryPoint()
    {
    }
}
