namespace Dockhand.Jobs.Specs;

/// <summary>One problem with a spec: the JSON path of the field (<c>run.resources.memory</c>) and the rule it breaks.</summary>
public sealed record SpecError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>Either a valid spec, or every problem found in it.</summary>
public sealed record SpecParseResult(JobSpec? Spec, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Spec is not null && Errors.Count == 0;
}
