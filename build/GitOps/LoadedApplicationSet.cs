using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>An ApplicationSet the repository loader reached, and the Applications it generated (followed like any other).</summary>
public sealed record LoadedApplicationSet(ManifestObject Manifest, IReadOnlyList<ArgoApplication> Applications)
{
    public string Name => Manifest.Name;

    /// <summary>The Application whose source holds or renders this ApplicationSet; null for a root.</summary>
    public string? DeployedBy { get; init; }
}
