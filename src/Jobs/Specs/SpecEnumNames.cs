namespace Dockhand.Jobs.Specs;

/// <summary>
/// The JSON names of one enum: read case-insensitively, written exactly as listed. An explicit table
/// rather than <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>, which would also take "1" or "Retry, Fail".
/// </summary>
internal sealed class SpecEnumNames<T>(params (string Name, T Value)[] entries)
    where T : struct, Enum
{
    /// <summary>"retry, fail": how the choices read in an error.</summary>
    public string Choices { get; } = string.Join(", ", entries.Select(e => e.Name));

    public bool TryParse(string text, out T value)
    {
        foreach (var (name, candidate) in entries)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string NameOf(T value)
    {
        foreach (var (name, candidate) in entries)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"no JSON name for {typeof(T).Name}.{value}");
    }
}

/// <summary>The JSON names of the spec's enums; the pull policy keeps Docker's own spelling.</summary>
internal static class SpecEnums
{
    public static readonly SpecEnumNames<PullPolicy> Pull = new(
        ("IfNotPresent", PullPolicy.IfNotPresent), ("Always", PullPolicy.Always), ("Never", PullPolicy.Never));

    public static readonly SpecEnumNames<BackoffKind> Backoff = new(
        ("fixed", BackoffKind.Fixed), ("exponential", BackoffKind.Exponential));

    public static readonly SpecEnumNames<FailureClass> FailureClass = new(
        ("build", Specs.FailureClass.Build), ("pull", Specs.FailureClass.Pull), ("infra", Specs.FailureClass.Infra),
        ("resource", Specs.FailureClass.Resource), ("app", Specs.FailureClass.App));

    public static readonly SpecEnumNames<RetryAction> Action = new(
        ("retry", RetryAction.Retry), ("fail", RetryAction.Fail));
}
