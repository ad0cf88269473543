using GitOps.Build.Findings;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Reporting;

/// <summary>
/// Everything the check stages found in one run, by stage and unit, collected so that the run
/// can go past failures and report all of them at the end (console, JUnit, JSON, annotations).
/// </summary>
public sealed class RunReport
{
    private readonly List<(string Stage, UnitOutcome Outcome)> _outcomes = [];

    public IReadOnlyList<(string Stage, UnitOutcome Outcome)> Outcomes { get { lock (_outcomes) return _outcomes.ToList(); } }

    /// <summary>Every finding once: Lint and Template both report a unit they refuse to render for the same reason.</summary>
    public IReadOnlyList<Finding> Findings => Outcomes.SelectMany(o => o.Outcome.Findings).Distinct().ToList();

    public bool IsEmpty => Outcomes.Count == 0;

    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>The stages (lint, template, validate, diff) that found an error: the task summary shows them as failed.</summary>
    public IReadOnlySet<string> StagesWithErrors =>
        Outcomes.Where(o => o.Outcome.Findings.Any(f => f.Severity == Severity.Error)).Select(o => o.Stage).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The repository configuration's rules: and exclude:, applied to every finding as it is
    /// recorded, so every report (console, JUnit, JSON, SARIF, annotations) and the exit code agree.
    /// </summary>
    public Config.FindingAdjustments Adjustments { get; set; } = Config.FindingAdjustments.None;

    /// <summary>A --shard job's deployed objects, written to objects.json for MergeReports' overlap check; null otherwise.</summary>
    public IReadOnlyList<Checks.Consistency.DeployedObject>? DeployedObjects { get; set; }

    public void Record(string stage, IEnumerable<UnitOutcome> outcomes)
    {
        var adjusted = outcomes.Select(Adjust).ToList();
        lock (_outcomes) _outcomes.AddRange(adjusted.Select(o => (stage, o)));
    }

    private UnitOutcome Adjust(UnitOutcome outcome)
    {
        if (Adjustments.IsEmpty) return outcome;
        var findings = outcome.Findings.Select(Adjustments.Adjust).OfType<Finding>().ToList();
        // A unit that failed only on findings the configuration lowers or drops has passed.
        return outcome.Status == UnitStatus.Failed && findings.All(f => f.Severity != Severity.Error)
            ? outcome with { Findings = findings, Status = UnitStatus.Passed, Detail = null }
            : outcome with { Findings = findings };
    }

    public void Record(string stage, string unit, IReadOnlyList<Finding> findings, TimeSpan duration) =>
        Record(stage, [new UnitOutcome(unit, findings.Any(f => f.Severity == Severity.Error) ? UnitStatus.Failed : UnitStatus.Passed, findings, duration)]);
}
