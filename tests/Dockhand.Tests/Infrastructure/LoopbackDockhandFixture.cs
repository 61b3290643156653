namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// <see cref="DockhandFixture"/> served by Kestrel on a free 127.0.0.1 port instead of the
/// in-memory test server, so that a real client (a browser) can connect to it.
/// </summary>
public class LoopbackDockhandFixture : DockhandFixture
{
    public Uri Address => App.LoopbackAddress;

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings[DockhandApp.ServeOnLoopbackSetting] = "true";
        return settings;
    }
}
