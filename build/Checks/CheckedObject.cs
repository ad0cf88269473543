using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks;

/// <summary>
/// An object under check with what the rules need to judge it: the Application that deploys it,
/// its destination namespace, its environment's policy, and its file relative to the repository.
/// Not a second manifest type: the object is <see cref="Manifest"/>; this adds where it is deployed.
/// </summary>
public sealed record CheckedObject(
    ManifestObject Manifest,
    string File,
    ArgoApplication? Application,
    string? DestinationNamespace,
    EnvironmentPolicy? Environment)
{
    /// <summary>
    /// For helm output: the chart template that made the object, relative to the repository root
    /// (helm names it relative to the chart's parent, e.g. "x/templates/a.yaml").
    /// </summary>
    public string? TemplateFile { get; init; }

    /// <summary>" (from charts/x/templates/deployment.yaml)" for helm output, "" otherwise.</summary>
    public string Origin => (TemplateFile ?? Manifest.SourceTemplate) is { Length: > 0 } t ? $" (from {t})" : "";

    /// <summary>The namespace the object lands in: its own, else the destination's (namespaced kinds only).</summary>
    public string? EffectiveNamespace(bool clusterScoped) =>
        clusterScoped ? null : Manifest.Namespace is { Length: > 0 } ns ? ns : DestinationNamespace;

    public bool InImmutableEnvironment => Environment?.ImmutableTags == true;
}
