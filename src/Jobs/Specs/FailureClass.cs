namespace Dockhand.Jobs.Specs;

/// <summary>Why an attempt failed; drives the retry policy and what users see.</summary>
public enum FailureClass
{
    /// <summary>The image build failed (a failing step, a bad Dockerfile, a build timeout).</summary>
    Build,
    /// <summary>The image could not be pulled (missing, unauthorised, policy Never and absent).</summary>
    Pull,
    /// <summary>The engine or the database was unreachable or misbehaved.</summary>
    Infra,
    /// <summary>The container hit a limit: out of memory or past its timeout.</summary>
    Resource,
    /// <summary>The container exited with a code outside the success codes.</summary>
    App,
}
