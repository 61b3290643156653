using Dockhand.Jobs.Specs;

namespace Dockhand.Jobs.Submission;

/// <summary>A spec that parsed but cannot be accepted here (no context for a build, a network the policy forbids). Nothing was queued.</summary>
public sealed class SubmissionRejectedException(IReadOnlyList<SpecError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
