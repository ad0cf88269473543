using System.Text.Json.Nodes;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.GitOps;

/// <summary>An Argo CD AppProject: what it lets its Applications deploy, from where, to where.</summary>
public sealed class AppProject(ManifestObject manifest)
{
    public ManifestObject Manifest { get; } = manifest;
    public string Name => Manifest.Name;

    public IReadOnlyList<string> SourceRepos => Strings("/spec/sourceRepos");

    public IReadOnlyList<(string? Server, string? Name, string? Namespace)> Destinations =>
        Manifest.At("/spec/destinations") is JsonArray list
            ? list.OfType<JsonObject>().Select(d => (d["server"]?.ToString(), d["name"]?.ToString(), d["namespace"]?.ToString())).ToList()
            : [];

    public IReadOnlyList<(string Group, string Kind)> ClusterResourceWhitelist => GroupKinds("/spec/clusterResourceWhitelist");
    public IReadOnlyList<(string Group, string Kind)> ClusterResourceBlacklist => GroupKinds("/spec/clusterResourceBlacklist");
    public IReadOnlyList<(string Group, string Kind)> NamespaceResourceWhitelist => GroupKinds("/spec/namespaceResourceWhitelist");
    public IReadOnlyList<(string Group, string Kind)> NamespaceResourceBlacklist => GroupKinds("/spec/namespaceResourceBlacklist");
    public bool HasNamespaceResourceWhitelist => Manifest.At("/spec/namespaceResourceWhitelist") is JsonArray;

    /// <summary>
    /// Argo CD's rule: a missing namespaceResourceWhitelist allows every namespaced kind; a
    /// cluster-scoped kind must be whitelisted. Blacklists win. Entries may use "*" globs.
    /// </summary>
    public bool Allows(string group, string kind, bool clusterScoped)
    {
        if (clusterScoped)
        {
            return Matches(ClusterResourceWhitelist, group, kind) && !Matches(ClusterResourceBlacklist, group, kind);
        }
        var allowed = !HasNamespaceResourceWhitelist || Matches(NamespaceResourceWhitelist, group, kind);
        return allowed && !Matches(NamespaceResourceBlacklist, group, kind);
    }

    public bool AllowsSource(string repoUrl) => SourceRepos.Any(pattern => Glob.Matches(pattern, repoUrl) || RepoUrl.Same(pattern, repoUrl));

    public bool AllowsDestination(string? server, string? name, string? ns) =>
        Destinations.Any(d =>
            (d.Server == null || server == null || Glob.Matches(d.Server, server)) &&
            (d.Name == null || name == null || Glob.Matches(d.Name, name)) &&
            (d.Server != null || d.Name != null) &&
            Glob.Matches(d.Namespace ?? "", ns ?? ""));

    private static bool Matches(IEnumerable<(string Group, string Kind)> list, string group, string kind) =>
        list.Any(e => Glob.Matches(e.Group, group) && Glob.Matches(e.Kind, kind));

    private IReadOnlyList<string> Strings(string pointer) =>
        Manifest.At(pointer) is JsonArray a ? a.Select(n => n?.ToString() ?? "").ToList() : [];

    private IReadOnlyList<(string, string)> GroupKinds(string pointer) =>
        Manifest.At(pointer) is JsonArray a
            ? a.OfType<JsonObject>().Select(e => (e["group"]?.ToString() ?? "", e["kind"]?.ToString() ?? "")).ToList()
            : [];
}
