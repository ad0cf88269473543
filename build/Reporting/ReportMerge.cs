using GitOps.Build.Pipeline;

namespace GitOps.Build.Reporting;

/// <summary>
/// The reports of the jobs of a --shard run as one: each unit's rows come from the job that owns
/// it; a row every job has (Validate's "repository" and "sealing") becomes one, holding each distinct
/// finding once, failed when any job's failed, with the jobs' seconds added up. Identical findings
/// (a problem two jobs both met) are one finding, as <see cref="RunReport.Findings"/> counts them.
/// </summary>
public static class ReportMerge
{
    public static RunReport Merge(IEnumerable<RunReport> reports)
    {
        var all = reports.SelectMany(r => r.Outcomes).ToList();
        // Stage by stage (lint, template, validate as the jobs ran them), each job's units in its order.
        var stages = all.Select(o => o.Stage).Distinct().ToList();
        var rows = all.GroupBy(o => (o.Stage, o.Outcome.Unit))
            .OrderBy(g => stages.IndexOf(g.Key.Stage))
            .Select(g => (g.Key.Stage, Outcome: Join(g.Select(o => o.Outcome).ToList())));
        var merged = new RunReport();
        foreach (var (stage, outcome) in rows) merged.Record(stage, [outcome]);
        return merged;
    }

    private static UnitOutcome Join(IReadOnlyList<UnitOutcome> same)
    {
        if (same.Count == 1) return same[0];
        var findings = same.SelectMany(o => o.Findings).Distinct().ToList();
        var said = same.FirstOrDefault(o => o.Failed) ?? same[0];
        return new UnitOutcome(same[0].Unit, said.Status, findings, TimeSpan.FromTicks(same.Sum(o => o.Duration.Ticks)), said.Detail);
    }
}
