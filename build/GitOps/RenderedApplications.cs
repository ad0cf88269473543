using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Renders a unit while the repository is read, for the Argo CD objects in its output; null when
/// it does not render (its own findings come when the Template stage renders it). The shell model
/// knows the root and the repository URL only.
/// </summary>
public delegate IReadOnlyList<ManifestObject>? UnitRenderer(RepositoryModel shell, RenderUnit unit);

/// <summary>
/// App-of-apps through a Kustomize overlay or a Helm chart (Applications kept as a kustomize base
/// with an overlay per cluster, ApplicationSets built per cluster, an app-of-apps chart): Argo CD
/// applies the Applications the source renders, and then follows them. The loader does the same,
/// for the units whose files mention an Argo CD kind at all (a cheap text test, cached per file),
/// so the repositories where nothing does pay nothing.
/// </summary>
public sealed partial class RenderedApplications(UnitRenderer render)
{
    private readonly ConcurrentDictionary<string, bool> mentions = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*kind:\s*[""']?(Application|ApplicationSet)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex ArgoKind();

    /// <summary>
    /// The Application and ApplicationSet objects the unit renders, and the AppProjects beside them (what
    /// Argo CD applies, e.g. with sourceRepos a kustomize replacement fills in); empty when none of its
    /// files names an Application or ApplicationSet.
    /// </summary>
    public IReadOnlyList<ManifestObject> Of(RepositoryModel shell, RenderUnit unit)
    {
        if (unit.Kind is not (SourceKind.Kustomize or SourceKind.Helm) || !unit.Inputs.Any(Mentions)) return [];
        return (render(shell, unit) ?? [])
            .Where(o => o.Group == "argoproj.io" && o.Kind is "Application" or "ApplicationSet" or "AppProject")
            .ToList();
    }

    private bool Mentions(string file) => mentions.GetOrAdd(file, f =>
    {
        if (!f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".tpl", StringComparison.OrdinalIgnoreCase)) return false;
        try { return ArgoKind().IsMatch(File.ReadAllText(f)); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    });
}
