using System.Text.Json;

namespace Dockhand.Cli;

/// <summary>
/// A spec file as the CLI needs it: its text, sent untouched (the server validates it), and the
/// Dockerfile path from <c>build.dockerfile</c>, so the context packer keeps that file even when
/// <c>.dockerignore</c> would drop it.
/// </summary>
internal sealed record SpecFile(string Path, string Json, string Dockerfile)
{
    public const string DefaultDockerfile = "Dockerfile";

    public static async Task<SpecFile> ReadAsync(string path, CancellationToken ct)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliUsageException($"spec file {path} not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read spec file {path}: {e.Message}");
        }

        return new SpecFile(path, json, DockerfileOf(path, json));
    }

    private static string DockerfileOf(string path, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CliUsageException($"invalid spec: {path}: the spec must be a JSON object");

            return document.RootElement.TryGetProperty("build", out var build)
                && build.ValueKind == JsonValueKind.Object
                && build.TryGetProperty("dockerfile", out var dockerfile)
                && dockerfile.ValueKind == JsonValueKind.String
                && dockerfile.GetString() is { Length: > 0 } named
                ? named
                : DefaultDockerfile;
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"invalid spec: {path} is not valid JSON (line {e.LineNumber + 1}): {Describe(e)}");
        }
    }

    /// <summary>The parser's reason without its own position suffix (we print the line ourselves).</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position > 0 ? message[..position] : message).TrimEnd(' ', '.');
    }
}
