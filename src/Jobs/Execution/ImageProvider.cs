using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Engine;
using Dockhand.Jobs.Runs;
using Dockhand.Jobs.Specs;
using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Execution;

/// <summary>
/// Gets the image an attempt runs: builds it from the run's stored context (skipped when the
/// same context, Dockerfile, args and target were built before and the image is still there),
/// or pulls it by the spec's policy with credentials from configuration.
/// </summary>
public sealed class ImageProvider(IContainerEngine engine, ContextStore contexts, IOptions<List<RegistryOptions>> registries)
{
    public async Task<string> PrepareAsync(AttemptLease lease, AttemptLog log, CancellationToken cancellationToken)
    {
        var spec = lease.Spec;
        if (spec.Build is { } build)
        {
            return await BuildAsync(lease, build, log, cancellationToken);
        }
        var image = spec.Image ?? throw new InvalidOperationException("a validated spec has build or image");
        await PullAsync(image, spec.Pull, log, cancellationToken);
        return image;
    }

    private async Task<string> BuildAsync(AttemptLease lease, BuildSpec build, AttemptLog log, CancellationToken cancellationToken)
    {
        var digest = lease.ContextDigest ?? throw new BuildFailedException("this run has a build section but no context was uploaded with it");
        var key = BuildKey(digest, build);
        var tag = $"dockhand/build:{key[..32]}";
        if (!build.NoCache && await engine.ImageExistsAsync(tag, cancellationToken))
        {
            await log.WriteSystemLineAsync($"build skipped: {tag} was built before from the same context, Dockerfile, args and target", cancellationToken);
            return tag;
        }

        await log.WriteSystemLineAsync($"building {tag} from context {digest}", cancellationToken);
        using var timeout = new CancellationTokenSource(build.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await using var context = await contexts.OpenReadAsync(digest, cancellationToken);
        var request = new BuildRequest(tag, build.Dockerfile, build.Args, build.Target, build.NoCache,
            new Dictionary<string, string> { [DockhandLabels.BuildKey] = key });
        try
        {
            var built = await engine.BuildImageAsync(request, context, (line, ct) => new ValueTask(log.WriteBuildLineAsync(line, ct)), linked.Token);
            await log.WriteSystemLineAsync($"built {built.Tag} ({built.ImageId})", cancellationToken);
            return built.Tag;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new BuildFailedException($"build.timeout: the build ran past {build.Timeout:c}");
        }
    }

    private async Task PullAsync(string image, PullPolicy policy, AttemptLog log, CancellationToken cancellationToken)
    {
        if (policy != PullPolicy.Always && await engine.ImageExistsAsync(image, cancellationToken))
        {
            await log.WriteSystemLineAsync($"image {image} is present (pull: {policy})", cancellationToken);
            return;
        }
        if (policy == PullPolicy.Never)
        {
            throw new PullFailedException($"image {image} is not present on this worker and pull is Never");
        }
        await log.WriteSystemLineAsync($"pulling {image} (pull: {policy})", cancellationToken);
        await engine.PullImageAsync(image, CredentialFor(image), (line, ct) => new ValueTask(log.WriteSystemLineAsync(line, ct)), cancellationToken);
    }

    private RegistryCredential? CredentialFor(string image)
    {
        var registry = RegistryOf(image);
        var entry = registries.Value.FirstOrDefault(r => string.Equals(r.Server, registry, StringComparison.OrdinalIgnoreCase));
        return entry is null ? null : new RegistryCredential(entry.Username, entry.Password, entry.Server);
    }

    /// <summary>The registry host of an image reference, by Docker's rule: a first segment with a dot, a colon or "localhost".</summary>
    internal static string RegistryOf(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "docker.io";
        }
        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : "docker.io";
    }

    /// <summary>Identifies a build's inputs: same key, same image (unless the Dockerfile pulls moving parts, which no-cache is for).</summary>
    internal static string BuildKey(string contextDigest, BuildSpec build)
    {
        var text = new StringBuilder();
        AppendField(text, contextDigest);
        AppendField(text, build.Dockerfile);
        AppendField(text, build.Target ?? "");
        foreach (var (name, value) in build.Args.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            AppendField(text, name);
            AppendField(text, value);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Length first, so no field can pass for a boundary: an arg value may hold a line break or
    /// "=" (A="1\nB=2" must not share a key, and so an image, with A="1", B="2").
    /// </summary>
    private static void AppendField(StringBuilder text, string value) =>
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
