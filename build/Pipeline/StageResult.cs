using GitOps.Build.Checks;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>What one stage did for one render unit.</summary>
public sealed record UnitOutcome(string Unit, string Status, IReadOnlyList<Finding> Findings, TimeSpan Duration)
{
    public bool Failed => Findings.Any(f => f.Severity == Severity.Error);
}

/// <summary>A rendered unit: the artifact written and the objects read back from it.</summary>
public sealed record RenderedUnit(string Unit, string Artifact, IReadOnlyList<ManifestObject> Objects);
