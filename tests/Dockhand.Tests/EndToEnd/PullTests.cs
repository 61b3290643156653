using Dockhand.Tests.Infrastructure;

namespace Dockhand.Tests.EndToEnd;

/// <summary>A Dockhand app beside two loopback registries; its worker holds <see cref="Password"/> for the one that wants credentials.</summary>
public abstract class RegistryAppFixture : DockhandFixture
{
    public RegistryFixture Registries { get; } = new();

    protected abstract string Password { get; }

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        await Registries.InitializeAsync();
        var settings = await base.SettingsAsync();
        settings["Dockhand:Registries:0:Server"] = Registries.Authenticated.Address;
        settings["Dockhand:Registries:0:Username"] = LocalRegistry.Username;
        settings["Dockhand:Registries:0:Password"] = Password;
        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DockerCli.RemoveImagesAsync(Registries.OpenImage, Registries.AuthenticatedImage);
        await Registries.DisposeAsync();
    }
}

public sealed class PullFixture : RegistryAppFixture
{
    protected override string Password => LocalRegistry.Password;
}

public sealed class PullTests(PullFixture fixture) : DockhandTest<PullFixture>(fixture)
{
    private static string Spec(string image, string policy) => $$"""
        { "image": "{{image}}", "pull": "{{policy}}", "run": { "command": ["echo", "pulled-and-ran"] } }
        """;

    [Fact]
    public async Task EachPullPolicy_BehavesAsDocumented()
    {
        var image = Fixture.Registries.OpenImage;
        await DockerCli.RemoveImagesAsync(image);

        // Never, image absent: a pull failure, not retried.
        var never = await Api.WaitAsync(await Api.SubmitAsync(Spec(image, "Never")));
        Assert.Equal("Failed", never.GetProperty("status").GetString());
        Assert.Equal("pull", never.GetProperty("failureClass").GetString());
        Assert.Contains("Never", never.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);

        // IfNotPresent, image absent: pulled.
        var first = await Api.SubmitAsync(Spec(image, "IfNotPresent"));
        Assert.Equal("Succeeded", (await Api.WaitAsync(first)).GetProperty("status").GetString());
        Assert.Contains("pulling", RunsApiClient.TextOf(await Api.LogsAsync(first), "system"), StringComparison.Ordinal);

        // IfNotPresent, image present: not pulled again.
        var second = await Api.SubmitAsync(Spec(image, "IfNotPresent"));
        Assert.Equal("Succeeded", (await Api.WaitAsync(second)).GetProperty("status").GetString());
        Assert.DoesNotContain("pulling", RunsApiClient.TextOf(await Api.LogsAsync(second), "system"), StringComparison.Ordinal);

        // Always, image present: pulled anyway.
        var always = await Api.SubmitAsync(Spec(image, "Always"));
        Assert.Equal("Succeeded", (await Api.WaitAsync(always)).GetProperty("status").GetString());
        Assert.Contains("pulling", RunsApiClient.TextOf(await Api.LogsAsync(always), "system"), StringComparison.Ordinal);

        // Never, image present: used.
        var present = await Api.SubmitAsync(Spec(image, "Never"));
        Assert.Equal("Succeeded", (await Api.WaitAsync(present)).GetProperty("status").GetString());
        Assert.Equal("pulled-and-ran\n", RunsApiClient.TextOf(await Api.LogsAsync(present), "stdout"));
    }

    [Fact]
    public async Task RegistryWantingCredentials_IsPulledWithTheWorkersConfiguredCredentials()
    {
        await DockerCli.RemoveImagesAsync(Fixture.Registries.AuthenticatedImage);
        var run = await Api.WaitAsync(await Api.SubmitAsync(Spec(Fixture.Registries.AuthenticatedImage, "Always")));

        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
    }

    [Fact]
    public async Task MissingImage_IsAClearPullFailure()
    {
        var missing = $"{Fixture.Registries.Open.Address}/dockhand/not-there:{Guid.NewGuid():N}";
        var run = await Api.WaitAsync(await Api.SubmitAsync(Spec(missing, "IfNotPresent")));

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("pull", run.GetProperty("failureClass").GetString());
        Assert.Contains("not-there", run.GetProperty("failureMessage").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>The same registries with a worker that holds a wrong password.</summary>
public sealed class WrongCredentialFixture : RegistryAppFixture
{
    protected override string Password => "not-the-password";
}

[Collection(SequentialCollection.Name)]
public sealed class WrongCredentialTests(WrongCredentialFixture fixture) : DockhandTest<WrongCredentialFixture>(fixture)
{
    [Fact]
    public async Task WrongCredential_IsAClearPullFailure_NotACrash()
    {
        await DockerCli.RemoveImagesAsync(Fixture.Registries.AuthenticatedImage);
        var spec = $$"""{ "image": "{{Fixture.Registries.AuthenticatedImage}}", "pull": "Always", "run": { "command": ["true"] } }""";
        var run = await Api.WaitAsync(await Api.SubmitAsync(spec));

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Equal("pull", run.GetProperty("failureClass").GetString());
        Assert.Matches("(?i)unauthori[sz]ed|denied|authentication", run.GetProperty("failureMessage").GetString());
    }
}
