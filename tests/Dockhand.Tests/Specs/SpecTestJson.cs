using Dockhand.Jobs.Specs;

namespace Dockhand.Tests.Specs;

/// <summary>Small helpers: specs written with single quotes (readable in attributes) and their errors as text.</summary>
internal static class SpecTestJson
{
    public static string Quotes(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static IReadOnlyList<string> ErrorsOf(string singleQuotedJson)
    {
        var result = JobSpecParser.Parse(Quotes(singleQuotedJson));
        Assert.False(result.IsValid, "expected the spec to be refused");
        Assert.Null(result.Spec);
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    public static JobSpec Valid(string json)
    {
        var result = JobSpecParser.Parse(json);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }
}
