using System.Text.Json.Nodes;
using GitOps.Build.GitOps;

namespace GitOps.Build.Mapping;

/// <summary>
/// The label lines of each kind of node, as plain text (the writers escape them): an Application's
/// name, its source kind and namespace, the images its workloads run, its marks; an ApplicationSet's
/// name, generators and count; a folded node's count.
/// </summary>
internal sealed class NodeLabels(RepositoryModel model, IReadOnlyDictionary<string, RenderedApplication> rendered)
{
    /// <summary>Images listed on a node before "+N more".</summary>
    private const int ImagesShown = 3;

    private readonly ILookup<ArgoApplication, RenderUnit> _units = model.Units.ToLookup(u => u.Application, ReferenceEqualityComparer.Instance as IEqualityComparer<ArgoApplication>);

    /// <summary>The app an Application deploys, as units name it (its app.kubernetes.io/name label, else its folder): what --app and holds name.</summary>
    public string? AppOf(ArgoApplication app) => _units[app].Select(u => u.App).OfType<string>().FirstOrDefault() ?? app.AppLabel;

    public IReadOnlyList<string> Application(ArgoApplication app, MapMarks marks, string? cluster)
    {
        var lines = new List<string> { app.Name, $"{Sources(app)}, namespace {app.EffectiveNamespace}" };
        if (cluster is not null) lines.Add($"cluster {cluster}");
        if (rendered.TryGetValue(app.Name, out var result) && result.Images.Count > 0)
        {
            var images = string.Join(", ", result.Images.Take(ImagesShown));
            if (result.Images.Count > ImagesShown) images += $" +{result.Images.Count - ImagesShown} more";
            lines.Add((result.Images.Count == 1 ? "image " : "images ") + images);
        }
        if (marks != MapMarks.None) lines.Add(MapMarksText.Line(marks));
        return lines;
    }

    public static IReadOnlyList<string> ApplicationSet(LoadedApplicationSet set, int applications)
    {
        var generators = set.Manifest.At("/spec/generators") is JsonArray list
            ? list.OfType<JsonObject>().Select(g => g.Select(kv => kv.Key).FirstOrDefault(k => k != "selector")).OfType<string>().Distinct().ToList()
            : [];
        var kind = generators.Count == 0 ? "ApplicationSet" : $"ApplicationSet ({string.Join(", ", generators)} generator{(generators.Count == 1 ? "" : "s")})";
        return [set.Name, kind, Primitives.Plural.Of(applications, "Application")];
    }

    public static IReadOnlyList<string> Folded(int applications, IReadOnlyList<MapMarks> marks)
    {
        var lines = new List<string> { $"{applications} Applications", "folded: --expand draws each" };
        var counted = MapMarksText.Each.Select(m => (Mark: m, Count: marks.Count(x => x.HasFlag(m)))).Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {MapMarksText.Name(x.Mark)}").ToList();
        if (counted.Count > 0) lines.Add(string.Join(", ", counted));
        return lines;
    }

    /// <summary>
    /// How Argo CD gets each source's manifests: Helm (a chart in this repository), a remote chart (from
    /// a Helm repository), Kustomize, a plugin, a directory of plain manifests, or a path in another
    /// repository (which the suite does not read).
    /// </summary>
    private string Sources(ArgoApplication app)
    {
        var kinds = new List<string>();
        var units = _units[app].ToList();
        foreach (var source in app.Sources)
        {
            if (source.IsHelmRepository)
            {
                kinds.Add($"remote chart {source.Chart}" + (source.TargetRevision is { Length: > 0 } version ? $" {version}" : ""));
                continue;
            }
            if (units.FirstOrDefault(u => u.SourcePointer == source.Pointer) is { } unit)
            {
                kinds.Add(unit.Kind switch { SourceKind.Helm => "Helm", SourceKind.Kustomize => "Kustomize", SourceKind.Plugin => "plugin", _ => "directory" });
                continue;
            }
            if (source.Path is null) continue; // a ref-only source: its value files belong to another source
            kinds.Add(model.Identity.Contains(source.RepoUrl) ? "directory" : "another repository");
        }
        return kinds.Count == 0 ? "no source" : string.Join(" + ", kinds.Distinct(StringComparer.Ordinal));
    }
}
