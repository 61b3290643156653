using System.Text.Json;

namespace Dockhand.Jobs.Specs;

/// <summary>
/// One JSON object of a spec and its path. Each reader returns null when the field is absent or
/// JSON null (the caller keeps its default) or when the value is wrong (reported, naming the field).
/// </summary>
internal readonly record struct SpecObject(SpecReader Reader, JsonElement Element, string Path)
{
    public string PathOf(string name) => SpecPath.Field(Path, name);

    public bool Has(string name) => Get(name) is not null;

    public JsonElement? Get(string name) =>
        Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public SpecObject? Object(string name, IReadOnlyCollection<string> knownFields) =>
        Get(name) is { } value ? Reader.Object(value, PathOf(name), knownFields) : null;

    /// <summary>An array of objects; elements that are not objects are reported and skipped.</summary>
    public IReadOnlyList<SpecObject>? Objects(string name, IReadOnlyCollection<string> knownFields)
    {
        if (Array(name, "an array of objects") is not { } array)
        {
            return null;
        }

        var objects = new List<SpecObject>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Reader.Object(item, SpecPath.Index(PathOf(name), index++), knownFields) is { } obj)
            {
                objects.Add(obj);
            }
        }

        return objects;
    }

    public string? String(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Reader.WrongType(PathOf(name), "a string", value);
        return null;
    }

    public bool? Bool(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Reader.WrongType(PathOf(name), "true or false", value);
        return null;
    }

    public long? Integer(string name) => Get(name) is { } value ? ReadInteger(Reader, value, PathOf(name)) : null;

    public double? Number(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        Reader.WrongType(PathOf(name), "a number", value);
        return null;
    }

    public TimeSpan? Duration(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        const string Expected = "a duration like \"00:30:00\" (hh:mm:ss) or a number of seconds";
        switch (value.ValueKind)
        {
            case JsonValueKind.String when SpecDuration.TryParse(value.GetString()!, out var duration):
                return duration;
            case JsonValueKind.String:
                Reader.Fail(PathOf(name), $"{SpecReader.Quote(value.GetString()!)} is not {Expected}");
                return null;
            case JsonValueKind.Number when value.TryGetDouble(out var seconds) && SpecDuration.TryFromSeconds(seconds, out var duration):
                return duration;
            case JsonValueKind.Number:
                Reader.Fail(PathOf(name), $"{value.GetRawText()} seconds is out of range");
                return null;
            default:
                Reader.WrongType(PathOf(name), Expected, value);
                return null;
        }
    }

    public long? Size(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when ByteSize.TryParse(value.GetString(), out var bytes):
                return bytes;
            case JsonValueKind.String:
                var text = value.GetString()!;
                // Docker's CLI reads "512m" as MiB, Kubernetes as milli-bytes: say which to write instead of guessing.
                var hint = text.EndsWith('m') || text.EndsWith('g') ? " (write Mi or Gi for binary units, M or G for decimal)" : "";
                Reader.Fail(PathOf(name), $"{SpecReader.Quote(text)} is not a size like 512Mi{hint}");
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out var bytes):
                return bytes;
            default:
                Reader.WrongType(PathOf(name), "a size like \"512Mi\" or a whole number of bytes", value);
                return null;
        }
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Array(name, "an array of strings") is not { } array)
        {
            return null;
        }

        var strings = new List<string>();
        var index = 0;
        var allGood = true;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                strings.Add(item.GetString()!);
            }
            else
            {
                Reader.WrongType(SpecPath.Index(PathOf(name), index), "a string", item);
                allGood = false;
            }

            index++;
        }

        return allGood ? strings : null;
    }

    public IReadOnlyList<long>? Integers(string name)
    {
        if (Array(name, "an array of whole numbers") is not { } array)
        {
            return null;
        }

        var numbers = new List<long>();
        var index = 0;
        var allGood = true;
        foreach (var item in array.EnumerateArray())
        {
            if (ReadInteger(Reader, item, SpecPath.Index(PathOf(name), index++)) is { } number)
            {
                numbers.Add(number);
            }
            else
            {
                allGood = false;
            }
        }

        return allGood ? numbers : null;
    }

    /// <summary>An object of string values (env, build args, labels). A number or boolean is refused with a hint to quote it, so "8080" and 8080 never differ silently.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Reader.WrongType(PathOf(name), "an object of string values", value);
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var allGood = true;
        foreach (var property in value.EnumerateObject())
        {
            var entryPath = SpecPath.Key(PathOf(name), property.Name);
            var entry = property.Value;
            if (entry.ValueKind != JsonValueKind.String)
            {
                var quoteHint = entry.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    ? $"; quote it: \"{entry.GetRawText()}\""
                    : "";
                Reader.Fail(entryPath, $"expected a string, got {SpecReader.Describe(entry)}{quoteHint}");
                allGood = false;
            }
            else if (!map.TryAdd(property.Name, entry.GetString()!))
            {
                Reader.Fail(entryPath, "given more than once");
                allGood = false;
            }
        }

        return allGood ? map : null;
    }

    public T? Enum<T>(string name, SpecEnumNames<T> names)
        where T : struct, System.Enum
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Reader.WrongType(PathOf(name), $"one of {names.Choices}", value);
            return null;
        }

        if (names.TryParse(value.GetString()!, out var parsed))
        {
            return parsed;
        }

        Reader.Fail(PathOf(name), $"{SpecReader.Quote(value.GetString()!)} is not one of {names.Choices}");
        return null;
    }

    private JsonElement? Array(string name, string expected)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return value;
        }

        Reader.WrongType(PathOf(name), expected, value);
        return null;
    }

    private static long? ReadInteger(SpecReader reader, JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            reader.Fail(path, $"expected a whole number, got {value.GetRawText()}");
            return null;
        }

        reader.WrongType(path, "a whole number", value);
        return null;
    }
}
