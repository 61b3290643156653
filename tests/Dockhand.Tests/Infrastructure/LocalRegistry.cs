using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// A real registry (Debian's docker-registry, distribution 2.8) on a free loopback port with a
/// temporary storage root, optionally behind htpasswd auth. The engine treats 127.0.0.1 as an
/// insecure registry, so no TLS is needed.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    public const string Username = "dockhand";
    public const string Password = "dockhand-test-secret";

    // bcrypt of Password (cost 10): distribution's htpasswd auth accepts bcrypt only, and a fixed
    // line needs no htpasswd tool on the machine.
    private const string HtpasswdLine = Username + ":$2b$10$a3zGS5nSYIMNasnROJdvz.WWpcY5VP9/UjL0b3rQdoe1tb8fQMnrK";

    private const string RegistryBinary = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _root;

    private LocalRegistry(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Address = $"127.0.0.1:{port}";
    }

    /// <summary><c>127.0.0.1:PORT</c>, the prefix of every image reference on this registry.</summary>
    public string Address { get; }

    public static async Task<LocalRegistry> StartAsync(bool withAuth)
    {
        if (!File.Exists(RegistryBinary))
        {
            throw new InvalidOperationException($"{RegistryBinary} is missing: install Debian's docker-registry (scripts/engine.sh does).");
        }

        var root = Directory.CreateTempSubdirectory("dockhand-registry-").FullName;
        var port = FreeLoopbackPort();
        var config = Path.Combine(root, "config.yml");
        var htpasswd = Path.Combine(root, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, HtpasswdLine + "\n");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(root, "data")}
            http:
              addr: 127.0.0.1:{port}
            {(withAuth ? $"auth:\n  htpasswd:\n    realm: dockhand-test\n    path: {htpasswd}\n" : "")}
            """);

        var start = new ProcessStartInfo(RegistryBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker-registry");
        // Drain its output so a chatty registry never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var registry = new LocalRegistry(process, root, port);
        await registry.WaitUntilAnsweringAsync();
        return registry;
    }

    /// <summary>Tags an image present on the engine into this registry and pushes it (logging in
    /// first with a throwaway CLI config when the registry wants credentials), then removes the
    /// local tag so a later pull really pulls.</summary>
    public async Task<string> PushAsync(string localImage, string repositoryAndTag, bool login)
    {
        var reference = $"{Address}/{repositoryAndTag}";
        var cliConfig = Directory.CreateTempSubdirectory("dockhand-docker-config-").FullName;
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = cliConfig };
        try
        {
            await DockerCli.RunAsync(["tag", localImage, reference]);
            if (login)
            {
                await DockerCli.RunAsync(["login", Address, "--username", Username, "--password-stdin"], Password, environment);
            }

            await DockerCli.RunAsync(["push", reference], environment: environment);
        }
        finally
        {
            await DockerCli.RemoveImagesAsync(reference);
            Directory.Delete(cliConfig, recursive: true);
        }

        return reference;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode} before answering on {Address}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer: try again.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"docker-registry did not answer on {Address} within 15 s");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
