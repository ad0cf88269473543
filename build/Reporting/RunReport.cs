using GitOps.Build.Checks;
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

    public void Record(string stage, IEnumerable<UnitOutcome> outcomes)
    {
        lock (_outcomes) _outcomes.AddRange(outcomes.Select(o => (stage, o)));
    }

    public void Record(string stage, string unit, IReadOnlyList<Finding> findings, TimeSpan duration) =>
        Record(stage, [new UnitOutcome(unit, findings.Any(f => f.Severity == Severity.Error) ? "failed" : "passed", findings, duration)]);
}
