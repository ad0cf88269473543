using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>
/// A local chart's dependencies that are not vendored in its <c>charts/</c> folder. Argo CD runs
/// <c>helm dependency build</c> before rendering such a chart, which needs the dependencies' Helm
/// repositories; offline the chart cannot be rendered, and that is reported as not rendered (a
/// warning, visibly) rather than as helm's failure (an error the chart does not have).
/// </summary>
public static class ChartDependencies
{
    /// <summary>The names of dependencies Chart.yaml (or requirements.yaml) declares and charts/ lacks.</summary>
    public static IReadOnlyList<string> Missing(string chartDir)
    {
        var declared = Declared(Path.Combine(chartDir, "Chart.yaml")).Concat(Declared(Path.Combine(chartDir, "requirements.yaml"))).ToList();
        if (declared.Count == 0) return [];
        // What charts/ holds, by name: a dependency's name is compared with them, never used as a path or a
        // file pattern (Chart.yaml may name "/etc/x", "../../..", or wildcards).
        var vendored = Path.Combine(chartDir, "charts");
        var entries = Directory.Exists(vendored)
            ? new DirectoryInfo(vendored).EnumerateFileSystemInfos().Select(e => (e.Name, Folder: e is DirectoryInfo)).ToList()
            : [];
        return declared.Where(name => !entries.Any(e =>
                e.Folder ? e.Name == name : e.Name.StartsWith(name + "-", StringComparison.Ordinal) && e.Name.EndsWith(".tgz", StringComparison.Ordinal)))
            .Distinct().ToList();
    }

    /// <summary>The not-rendered finding for <paramref name="unit"/> when its chart lacks dependencies, else null.</summary>
    public static Finding? NotVendored(RepositoryModel model, RenderUnit unit, string chartDir)
    {
        var missing = Missing(chartDir);
        if (missing.Count == 0) return null;
        var app = unit.Application;
        return new SourceFiles(model).Locate(app, unit.SourcePointer + "/path").Finding(Rules.HelmDependencies, $"Application/{app.Name}",
            $"not rendered: chart {model.Relative(chartDir)} depends on {string.Join(", ", missing)}, which is not in its charts/ folder " +
            "(Argo CD runs helm dependency build, which needs the dependency's Helm repository)");
    }

    private static IEnumerable<string> Declared(string file)
    {
        if (!File.Exists(file)) return [];
        try
        {
            var doc = ManifestReader.ReadFile(file).FirstOrDefault();
            return doc?.At("/dependencies") is JsonArray list
                ? list.OfType<JsonObject>().Select(d => d["name"]?.ToString()).OfType<string>().ToList()
                : [];
        }
        catch (ManifestParseException)
        {
            return []; // helm reports a broken Chart.yaml itself
        }
    }
}
