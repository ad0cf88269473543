using GitOps.Build.Checks;
using GitOps.Build.GitOps;

namespace GitOps.Build.Sharding;

/// <summary>
/// What one job of a sharded run does. It lints, renders and reports the units it owns
/// (<see cref="Owned"/>), and writes the objects its Applications deploy to objects.json. Job 1 also
/// runs the repository-wide checks that need no other job's rendering (load problems, the file
/// scans, the certificate). Two Applications deploying the same object can sit in different jobs,
/// so that check runs in MergeReports, over every job's objects.json: no job renders another's units.
/// </summary>
public sealed class ShardPlan
{
    private readonly HashSet<string> _owned;
    private readonly HashSet<ArgoApplication> _ownedApplications;
    private readonly HashSet<ArgoApplication> _selectedApplications;

    private ShardPlan(ShardSpec? spec, IReadOnlyList<RenderUnit> selected, IReadOnlyList<RenderUnit> owned)
    {
        Spec = spec;
        Selected = selected;
        Owned = owned;
        _owned = owned.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        _ownedApplications = owned.Select(u => u.Application).ToHashSet();
        _selectedApplications = selected.Select(u => u.Application).ToHashSet();
    }

    /// <summary>The run's plan: every selected unit when <paramref name="spec"/> is null, else job k's share.</summary>
    public static ShardPlan For(ShardSpec? spec, IReadOnlyList<RenderUnit> selected, RecordedDurations? durations) =>
        spec is null ? new ShardPlan(null, selected, selected)
            : new ShardPlan(spec, selected, ShardPlanner.Assign(selected, spec.Count, durations?.Units)[spec.Index - 1]);

    /// <summary>Null when the run is not sharded.</summary>
    public ShardSpec? Spec { get; }

    /// <summary>Every unit the run's selection (--app, --env) holds, over all jobs.</summary>
    public IReadOnlyList<RenderUnit> Selected { get; }

    /// <summary>The units this job lints, renders and reports.</summary>
    public IReadOnlyList<RenderUnit> Owned { get; }

    public bool RunsRepositoryWide => Spec is null || Spec.IsFirst;

    public bool Owns(string unitId) => _owned.Contains(unitId);

    /// <summary>
    /// Validate's share: the Applications of this job's units; an Application with no selected unit
    /// (the root app, directory-only sources) is job 1's, as are the repository-wide findings.
    /// </summary>
    public CheckScope Scope => Spec is null ? CheckScope.Everything
        : new CheckScope(app => _ownedApplications.Contains(app) || (RunsRepositoryWide && !_selectedApplications.Contains(app)), RunsRepositoryWide) { Overlaps = false, Sharded = true, OwnsUnit = Owns };

    /// <summary>The one line a sharded run prints.</summary>
    public string Describe() =>
        $"shard {Spec}: {Owned.Count} of {Selected.Count} units" +
        (Spec is { IsFirst: true, Count: > 1 } ? ", and the repository-wide checks (overlaps between Applications are MergeReports')" : "");
}
