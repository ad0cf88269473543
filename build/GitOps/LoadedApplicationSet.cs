using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>An ApplicationSet the repository loader reached, and the Applications it generated (followed like any other).</summary>
public sealed record LoadedApplicationSet(ManifestObject Manifest, IReadOnlyList<ArgoApplication> Applications)
{
    public string Name => Manifest.Name;
}
