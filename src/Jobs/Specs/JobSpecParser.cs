using System.Globalization;
using System.Text.Json;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Reads a job spec from JSON and checks it, reporting every problem at once, each naming the field
/// path and the rule (<c>run.resources.memory: "12x" is not a size like 512Mi</c>). Unknown fields are
/// errors so a typo never silently does nothing. Comments and trailing commas are allowed.
/// </summary>
public static class JobSpecParser
{
    private static readonly string[] Fields = ["version", "name", "queue", "build", "image", "pull", "run", "retry", "labels"];

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SpecParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return new SpecParseResult(null, [MalformedJson(e)]);
        }

        using (document)
        {
            var reader = new SpecReader();
            var spec = ReadSpec(reader, document.RootElement);
            return reader.Errors.Count == 0 && spec is not null
                ? new SpecParseResult(spec, [])
                : new SpecParseResult(null, reader.Errors);
        }
    }

    private static JobSpec? ReadSpec(SpecReader reader, JsonElement root)
    {
        if (reader.Object(root, SpecPath.Root, Fields) is not { } spec)
        {
            return null;
        }

        var defaults = new JobSpec();
        var result = new JobSpec
        {
            Version = Version(spec) ?? defaults.Version,
            Name = Name(spec),
            Queue = Queue(spec) ?? defaults.Queue,
            Build = BuildSectionParser.Parse(spec, "build"),
            Image = Image(spec),
            Pull = spec.Enum("pull", SpecEnums.Pull) ?? defaults.Pull,
            Run = RunSectionParser.Parse(spec, "run") ?? defaults.Run,
            Retry = RetrySectionParser.Parse(spec, "retry") ?? defaults.Retry,
            Labels = Labels(spec) ?? defaults.Labels,
        };
        CheckBuildOrImage(spec);
        return result;
    }

    private static SpecError MalformedJson(JsonException e)
    {
        // The reader counts from zero; people count lines and columns from one.
        var line = (e.LineNumber ?? 0) + 1;
        var position = (e.BytePositionInLine ?? 0) + 1;
        var reason = e.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        reason = (cut >= 0 ? reason[..cut] : reason).Replace(", when isFinalBlock is true", "", StringComparison.Ordinal).TrimEnd(' ', '.');
        return new SpecError(SpecPath.Root,
            string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line}, position {position}: {reason}"));
    }

    private static void CheckBuildOrImage(SpecObject spec)
    {
        var hasBuild = spec.Has("build");
        var hasImage = spec.Has("image");
        if (!hasBuild && !hasImage)
        {
            spec.Reader.Fail(SpecPath.Root, "one of build or image is required: build the image from the context, or pull an image");
        }
        else if (hasBuild && hasImage)
        {
            spec.Reader.Fail(spec.PathOf("image"), "cannot be given together with build; a spec either builds its image or pulls one");
        }
    }

    private static int? Version(SpecObject spec)
    {
        var version = spec.Integer("version");
        return version is null || spec.Reader.Check(version == JobSpec.CurrentVersion, spec.PathOf("version"),
            string.Create(CultureInfo.InvariantCulture, $"{version} is not supported; this Dockhand reads version {JobSpec.CurrentVersion}"))
            ? (int?)version
            : null;
    }

    private static string? Name(SpecObject spec)
    {
        if (spec.String("name") is not { } name)
        {
            return null;
        }

        var path = spec.PathOf("name");
        return spec.Reader.Check(name.Length <= SpecRules.MaxNameLength, path, $"must be at most {SpecRules.MaxNameLength} characters")
            && spec.Reader.Check(SpecRules.JobName().IsMatch(name), path,
                $"{SpecReader.Quote(name)} may only contain letters, digits, ., _ and - (and must not be empty)")
            ? name
            : null;
    }

    private static string? Queue(SpecObject spec)
    {
        var queue = spec.String("queue");
        return queue is null || spec.Reader.Check(SpecRules.Queue().IsMatch(queue), spec.PathOf("queue"),
            $"{SpecReader.Quote(queue)} is not a queue name: 1 to 20 lowercase letters, digits, _ or -")
            ? queue
            : null;
    }

    private static string? Image(SpecObject spec)
    {
        var image = spec.String("image");
        var problem = image is null ? null : ImageReference.Problem(image);
        return spec.Reader.Check(problem is null, spec.PathOf("image"), problem!) ? image : null;
    }

    private static IReadOnlyDictionary<string, string>? Labels(SpecObject spec)
    {
        if (spec.StringMap("labels") is not { } labels)
        {
            return null;
        }

        var allGood = true;
        foreach (var key in labels.Keys)
        {
            var path = SpecPath.Key(spec.PathOf("labels"), key);
            allGood &= spec.Reader.Check(key.Length > 0, path, "a label key must not be empty")
                && spec.Reader.Check(key.Length <= SpecRules.MaxLabelKeyLength, path,
                    $"a label key must be at most {SpecRules.MaxLabelKeyLength} characters")
                && spec.Reader.Check(!key.StartsWith(SpecRules.ReservedLabelPrefix, StringComparison.OrdinalIgnoreCase), path,
                    $"keys starting with \"{SpecRules.ReservedLabelPrefix}\" are reserved for Dockhand");
        }

        return allGood ? labels : null;
    }
}
