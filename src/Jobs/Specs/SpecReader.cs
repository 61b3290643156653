using System.Text.Json;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// Collects every problem found while reading one spec, so a user sees them all at once instead of
/// fixing one per submission. Readers report here and return null on a bad value; the caller then
/// keeps the default and goes on.
/// </summary>
internal sealed class SpecReader
{
    private readonly List<SpecError> _errors = [];

    public IReadOnlyList<SpecError> Errors => _errors;

    public void Fail(string path, string message) => _errors.Add(new SpecError(path, message));

    /// <summary>Reports <paramref name="message"/> unless <paramref name="ok"/>; returns <paramref name="ok"/>.</summary>
    public bool Check(bool ok, string path, string message)
    {
        if (!ok)
        {
            Fail(path, message);
        }

        return ok;
    }

    public void WrongType(string path, string expected, JsonElement got) =>
        Fail(path, $"expected {expected}, got {Describe(got)}");

    /// <summary>
    /// Opens an object whose fields are all known: reports each unknown field (with the closest known
    /// name, so typos do not silently do nothing) and each field given twice.
    /// </summary>
    public SpecObject? Object(JsonElement element, string path, IReadOnlyCollection<string> knownFields)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            WrongType(path, "an object", element);
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = SpecPath.Field(path, property.Name);
            if (!knownFields.Contains(property.Name))
            {
                var closest = ClosestName.Find(property.Name, knownFields);
                Fail(fieldPath, closest is null ? "unknown field" : $"unknown field (did you mean \"{closest}\"?)");
            }
            else if (!seen.Add(property.Name))
            {
                Fail(fieldPath, "given more than once");
            }
        }

        return new SpecObject(this, element, path);
    }

    /// <summary>How a JSON value reads in an error: "a number", "a string", "null"...</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Quotes a user's value for an error message, shortened so a huge value cannot flood the response.</summary>
    public static string Quote(string value) =>
        JsonSerializer.Serialize(value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "..."));
}
