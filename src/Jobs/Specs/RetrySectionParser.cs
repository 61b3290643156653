namespace Dockhand.Jobs.Specs;

/// <summary>Reads <c>retry</c>: how many attempts, how long between them, and which failures are worth another.</summary>
internal static class RetrySectionParser
{
    private static readonly string[] Fields = ["attempts", "backoff", "rules"];
    private static readonly string[] BackoffFields = ["kind", "initial", "max", "jitter"];
    private static readonly string[] RuleFields = ["exitCodes", "class", "action", "countsAgainstAttempts"];

    public const int MaxAttempts = 100;

    public static RetrySpec? Parse(SpecObject parent, string name)
    {
        if (parent.Object(name, Fields) is not { } retry)
        {
            return null;
        }

        var defaults = new RetrySpec();
        return new RetrySpec
        {
            Attempts = (int?)retry.IntegerBetween("attempts", 1, MaxAttempts) ?? defaults.Attempts,
            Backoff = Backoff(retry) ?? defaults.Backoff,
            Rules = Rules(retry) ?? defaults.Rules,
        };
    }

    private static BackoffSpec? Backoff(SpecObject retry)
    {
        if (retry.Object("backoff", BackoffFields) is not { } backoff)
        {
            return null;
        }

        var defaults = new BackoffSpec();
        var initial = backoff.PositiveDuration("initial");
        var max = backoff.PositiveDuration("max");
        var effectiveInitial = initial ?? defaults.Initial;
        var effectiveMax = max ?? defaults.Max;
        // Only compare values that were valid (or defaults), so one bad field does not cause a second error.
        if ((initial is not null || !backoff.Has("initial")) && (max is not null || !backoff.Has("max")))
        {
            var whichMax = max is null ? " (the default)" : "";
            backoff.Reader.Check(effectiveMax >= effectiveInitial, backoff.PathOf("max"),
                $"{SpecDuration.Format(effectiveMax)}{whichMax} is shorter than initial {SpecDuration.Format(effectiveInitial)}");
        }

        return new BackoffSpec
        {
            Kind = backoff.Enum("kind", SpecEnums.Backoff) ?? defaults.Kind,
            Initial = effectiveInitial,
            Max = effectiveMax,
            Jitter = backoff.Bool("jitter") ?? defaults.Jitter,
        };
    }

    private static List<RetryRule>? Rules(SpecObject retry)
    {
        if (retry.Objects("rules", RuleFields) is not { } rules)
        {
            return null;
        }

        return rules.Select(rule =>
        {
            rule.Reader.Check(rule.Has("exitCodes") || rule.Has("class"), rule.Path,
                "needs exitCodes, class or both to say which failures it matches");
            var defaults = new RetryRule();
            return new RetryRule
            {
                ExitCodes = rule.ExitCodes("exitCodes"),
                Class = rule.Enum("class", SpecEnums.FailureClass),
                Action = rule.Enum("action", SpecEnums.Action) ?? defaults.Action,
                CountsAgainstAttempts = rule.Bool("countsAgainstAttempts") ?? defaults.CountsAgainstAttempts,
            };
        }).ToList();
    }
}
