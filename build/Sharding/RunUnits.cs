using GitOps.Build.GitOps;

namespace GitOps.Build.Sharding;

/// <summary>
/// Which render units a run lints, renders and validates: those --app / --env select (all when
/// neither is given), narrowed by CI --since to the units the change touches, then this job's share
/// with --shard (<see cref="Shard"/>). Under --since the selected units the change leaves alone are
/// rendered only for Validate's repository-wide checks (<see cref="ForChecksOnly"/>).
/// </summary>
public sealed class RunUnits
{
    private RunUnits(ShardPlan shard, IReadOnlyList<RenderUnit> forChecksOnly)
    {
        Shard = shard;
        ForChecksOnly = forChecksOnly;
    }

    /// <param name="touched">CI --since: the ids of the units the change touches; null without --since.</param>
    public static RunUnits Plan(RepositoryModel model, string? app, string? environment, IReadOnlySet<string>? touched,
        ShardSpec? spec, RecordedDurations? durations)
    {
        var selected = model.UnitsOf(app, environment);
        var units = touched is null ? selected : selected.Where(u => touched.Contains(u.Id)).ToList();
        var untouched = touched is null ? [] : selected.Where(u => !touched.Contains(u.Id)).ToList();
        return new RunUnits(ShardPlan.For(spec, units, durations), untouched);
    }

    /// <summary>What this job of a --shard run owns (everything selected without --shard).</summary>
    public ShardPlan Shard { get; }

    /// <summary>The units this run lints, renders and reports.</summary>
    public IReadOnlyList<RenderUnit> Owned => Shard.Owned;

    /// <summary>Under --since, the selected units the change does not touch: rendered for the repository-wide checks only.</summary>
    public IReadOnlyList<RenderUnit> ForChecksOnly { get; }
}
