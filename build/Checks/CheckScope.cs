using GitOps.Build.GitOps;

namespace GitOps.Build.Checks;

/// <summary>
/// Which of Validate's findings a run reports: those about the objects and manifests of the
/// Applications it owns, and (<see cref="RepositoryWide"/>) those no one Application owns: the
/// model's load problems, objects no Application deploys, one Application's objects overlapping
/// another's, the repository file scans. A sharded run (--shard) owns a share; a whole run everything.
/// </summary>
public sealed record CheckScope(Func<ArgoApplication, bool> OwnsApplication, bool RepositoryWide)
{
    public static CheckScope Everything { get; } = new(_ => true, true);

    /// <summary>
    /// Whether this run judges objects of different Applications against each other (CON-DUPLICATE-DEPLOY).
    /// A --shard job does not: it sees its own units only, and MergeReports runs the check over the
    /// objects every job wrote (objects.json).
    /// </summary>
    public bool Overlaps { get; init; } = true;

    /// <summary>Whether this run is one job of a --shard run (its findings are merged with the other jobs').</summary>
    public bool Sharded { get; init; }

    /// <summary>Whether the render unit (by id) is this run's: its sealed values are judged here.</summary>
    public Func<string, bool> OwnsUnit { get; init; } = _ => true;

    /// <summary>An object's owner is its Application; an object deployed by none is the repository's.</summary>
    public bool Owns(ArgoApplication? application) => application is null ? RepositoryWide : OwnsApplication(application);
}
