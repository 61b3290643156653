using Dockhand.Jobs.Contexts;
using Dockhand.Jobs.Specs;
using Microsoft.AspNetCore.Http.Features;

namespace Dockhand.Dashboard.Api;

/// <summary>
/// Reads a submission: either a JSON body (the spec alone, for image jobs) or multipart with a
/// <c>spec</c> part and an optional <c>context</c> part (tar or tar.gz). The context is
/// validated and normalised into a packed tar on disk, never held in memory.
/// </summary>
internal static class SubmissionReader
{
    /// <summary>Specs are small; anything bigger than this is a mistake (a context sent as the spec).</summary>
    public const int MaxSpecBytes = 1024 * 1024;

    public sealed record Submission(JobSpec? Spec, PackedContext? Context, IResult? Problem);

    public static async Task<Submission> ReadAsync(HttpRequest request, long maxContextBytes, CancellationToken cancellationToken)
    {
        string? specText;
        IFormFile? contextFile = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var specFile = form.Files.GetFile("spec");
            if (specFile is { Length: > MaxSpecBytes })
            {
                return Fail(Problems.TooLarge("spec", $"larger than {MaxSpecBytes} bytes; build files belong in the context"));
            }
            specText = form.TryGetValue("spec", out var value) ? value.ToString() : await ReadFileTextAsync(specFile, cancellationToken);
            contextFile = form.Files.GetFile("context");
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            specText = await ReadBodyTextAsync(request, cancellationToken);
        }
        else
        {
            return Fail(Problems.Invalid("content-type", "send the spec as application/json, or multipart/form-data with a 'spec' part and an optional 'context' part"));
        }

        if (specText is null)
        {
            return Fail(Problems.Invalid("spec", "missing: send the job spec in the 'spec' part"));
        }
        if (specText.Length > MaxSpecBytes)
        {
            return Fail(Problems.TooLarge("spec", $"larger than {MaxSpecBytes} bytes; build files belong in the context"));
        }
        var parsed = JobSpecParser.Parse(specText);
        if (!parsed.IsValid)
        {
            return Fail(Problems.Invalid("The job spec is invalid", parsed.Errors));
        }
        if (contextFile is null)
        {
            return new Submission(parsed.Spec, null, null);
        }
        if (contextFile.Length > maxContextBytes)
        {
            return Fail(Problems.TooLarge("context", $"larger than the limit of {maxContextBytes} bytes (Dockhand:Contexts:MaxBytes)"));
        }
        try
        {
            await using var upload = contextFile.OpenReadStream();
            var context = await ContextPacker.NormalizeUploadAsync(upload, parsed.Spec!.Build?.Dockerfile ?? "Dockerfile", maxContextBytes, cancellationToken);
            return new Submission(parsed.Spec, context, null);
        }
        catch (ContextTooLargeException e)
        {
            return Fail(Problems.TooLarge("context", e.Message));
        }
        catch (InvalidContextException e)
        {
            return Fail(Problems.Invalid("context", e.Message));
        }
    }

    private static Submission Fail(IResult problem) => new(null, null, problem);

    private static async Task<string?> ReadFileTextAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task<string> ReadBodyTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = MaxSpecBytes + 1;
        }
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
