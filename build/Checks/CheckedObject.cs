using GitOps.Build.Config;
using GitOps.Build.Findings;
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
    /// For rendered output: the file the renderer says made the object, relative to the repository root:
    /// the chart template (helm names it relative to the chart's parent, e.g. "x/templates/a.yaml"), or
    /// kustomize's origin (the resource file, or the kustomization whose generator made it).
    /// </summary>
    public string? TemplateFile { get; init; }

    /// <summary>
    /// For rendered output: the repository file (and line) that produced the object, which findings
    /// name, with the rendered artifact (<see cref="File"/>) as their related location; null when
    /// the object is read from the repository itself or its origin is not known.
    /// </summary>
    public SourceLocation? Source { get; init; }

    /// <summary>" (from charts/x/templates/deployment.yaml)" for rendered output whose renderer names the file that made it, "" otherwise.</summary>
    public string Origin => (TemplateFile ?? Manifest.SourceTemplate) is { Length: > 0 } t ? $" (from {t})" : "";

    /// <summary>
    /// <paramref name="origin"/> (an <see cref="Origin"/>) beside a place a message already names: ""
    /// when <paramref name="file"/> is that file (a finding at the chart template it came from), so
    /// the file is said once. Helm names templates from the chart's parent, hence the suffix match.
    /// </summary>
    public static string OriginBeside(string origin, string file)
    {
        const string Prefix = " (from ";
        if (!origin.StartsWith(Prefix, StringComparison.Ordinal)) return origin;
        var path = origin[Prefix.Length..^1];
        return file == path || file.EndsWith("/" + path, StringComparison.Ordinal) ? "" : origin;
    }

    /// <summary>
    /// Where a finding at <paramref name="pointer"/> of the object points: the repository file and line
    /// that made it (<see cref="Source"/>), else the object's own; and, for a rendered object, the
    /// artifact and line it was rendered to (the finding's related location; null otherwise).
    /// </summary>
    public Location At(string pointer)
    {
        var line = Manifest.LineOf(pointer);
        if (Source is not { } source) return new Location(File, line, null, 0);
        var (file, sourceLine) = source.Of(Manifest, pointer);
        return new Location(file, sourceLine, File, line);
    }

    /// <summary>The namespace the object lands in: its own, else the destination's (namespaced kinds only).</summary>
    public string? EffectiveNamespace(bool clusterScoped) =>
        clusterScoped ? null : Manifest.Namespace is { Length: > 0 } ns ? ns : DestinationNamespace;

    public bool InImmutableEnvironment => Environment?.ImmutableTags == true;
}
