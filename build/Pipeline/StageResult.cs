using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>What one stage did for one render unit (<see cref="Unit"/> is the unit's <c>Id</c>).</summary>
/// <param name="Detail">What the status is about, for the reports: why a unit was skipped or not rendered, how many objects it rendered.</param>
public sealed record UnitOutcome(string Unit, UnitStatus Status, IReadOnlyList<Finding> Findings, TimeSpan Duration, string? Detail = null)
{
    public bool Failed => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The status as the log and the reports say it, e.g. "passed", "rendered 12 objects", "skipped (remote chart: linted by its publisher)".</summary>
    public string StatusText => UnitStatuses.Text(Status, Detail);
}

/// <summary>A rendered unit (by <c>Id</c>): its artifact path, the objects read from the rendered text, and that text.</summary>
public sealed record RenderedUnit(string Unit, string Artifact, IReadOnlyList<ManifestObject> Objects, string Text);

/// <summary>
/// What rendering one unit gave: the outcome for the reports; the rendered text when the renderer
/// produced any (also when it is not valid YAML, so it can be looked at); the objects when it parsed.
/// <see cref="Artifact"/> is where the Template stage writes the text, and the file the objects name.
/// </summary>
public sealed record RenderResult(UnitOutcome Outcome, string Artifact, string? Text, IReadOnlyList<ManifestObject>? Objects)
{
    public RenderedUnit? Rendered => Objects is null || Text is null ? null : new RenderedUnit(Outcome.Unit, Artifact, Objects, Text);
}
