using System.Text.Json;

namespace Dockhand.Cli.Api;

/// <summary>An RFC 9457 problem as the API answers it. <c>errors</c> is read loosely: the contract's
/// list of <c>{field, message}</c>, or ASP.NET's <c>{field: [messages]}</c> map.</summary>
internal sealed record ApiProblem
{
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public JsonElement Errors { get; init; }

    public IReadOnlyList<FieldError> FieldErrors()
    {
        var found = new List<FieldError>();
        if (Errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in Errors.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                found.Add(new FieldError(StringProperty(item, "field") ?? "", StringProperty(item, "message") ?? ""));
            }
        }
        else if (Errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in Errors.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var message in field.Value.EnumerateArray())
                        found.Add(new FieldError(field.Name, message.ToString()));
                }
                else
                {
                    found.Add(new FieldError(field.Name, field.Value.ToString()));
                }
            }
        }
        return found;
    }

    private static string? StringProperty(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed record FieldError(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
