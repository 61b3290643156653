namespace Dockhand.Tests.Infrastructure;

/// <summary>Two loopback registries holding the busybox image: one open, one behind
/// username/password. Pulled copies are the tests' to remove.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private LocalRegistry? _open;
    private LocalRegistry? _authenticated;

    public LocalRegistry Open => _open ?? throw new InvalidOperationException("fixture not initialised");

    public LocalRegistry Authenticated => _authenticated ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary><c>127.0.0.1:PORT/dockhand/busybox:pushed</c> on the open registry.</summary>
    public string OpenImage { get; private set; } = "";

    /// <summary>The same image on the registry that wants credentials.</summary>
    public string AuthenticatedImage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _open = await LocalRegistry.StartAsync(withAuth: false);
        _authenticated = await LocalRegistry.StartAsync(withAuth: true);
        OpenImage = await _open.PushAsync(EngineFixture.BusyboxImage, "dockhand/busybox:pushed", login: false);
        AuthenticatedImage = await _authenticated.PushAsync(EngineFixture.BusyboxImage, "dockhand/busybox:pushed", login: true);
    }

    public async Task DisposeAsync()
    {
        if (_open is not null)
        {
            await _open.DisposeAsync();
        }

        if (_authenticated is not null)
        {
            await _authenticated.DisposeAsync();
        }
    }
}
