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

    /// <summary>
    /// Argo CD's rule: some entry matches the normalized URL (globs with '/' as separator), and no
    /// deny entry (<c>!pattern</c>) fails to let it through.
    /// </summary>
    public bool AllowsSource(string repoUrl)
    {
        var url = RepoUrl.Normalize(repoUrl);
        var matched = false;
        foreach (var entry in SourceRepos)
        {
            var deny = entry.StartsWith('!');
            var pattern = RepoUrl.Normalize(deny ? entry[1..] : entry);
            var hit = pattern == "*" || Glob.Matches(pattern, url, Glob.ArgoPath);
            if (deny && hit) return false;
            matched |= !deny && hit;
        }
        return matched;
    }

    /// <summary>
    /// Argo CD's rule (AppProject.isDestinationMatched): an entry matches when its server or its
    /// name matches the Application's, and its namespace matches; no deny entry (<c>!pattern</c> in
    /// any field) may fail to match. An Application's server or name that is empty is not set (Argo
    /// CD compares only the ones given); the one it leaves out Argo CD may infer from the cluster
    /// Secret (a name's server, a server's name), which is not known here, so an entry naming that
    /// field counts as matching it.
    /// </summary>
    public bool AllowsDestination(string? server, string? name, string? ns)
    {
        server = server is { Length: > 0 } ? server : null;
        name = name is { Length: > 0 } ? name : null;
        static bool Deny(string? pattern) => pattern is ['!', ..];
        static bool Hit(string pattern, string value) => Deny(pattern) ? !Glob.Matches(pattern[1..], value) : Glob.Matches(pattern, value);
        static bool Field(string? pattern, string? value) => value == null ? pattern is { Length: > 0 } : pattern != null && Hit(pattern, value);
        var matched = false;
        foreach (var d in Destinations)
        {
            var serverHit = Field(d.Server, server);
            var nameHit = Field(d.Name, name);
            var namespaceHit = Hit(d.Namespace ?? "", ns ?? "");
            if ((serverHit || nameHit) && namespaceHit) matched = true;
            else if (!serverHit && Deny(d.Server) || !nameHit && Deny(d.Name) || !namespaceHit && Deny(d.Namespace)) return false;
        }
        return matched;
    }

    private static bool Matches(IEnumerable<(string Group, string Kind)> list, string group, string kind) =>
        list.Any(e => Glob.Matches(e.Group, group) && Glob.Matches(e.Kind, kind));

    private IReadOnlyList<string> Strings(string pointer) =>
        Manifest.At(pointer) is JsonArray a ? a.Select(n => n?.ToString() ?? "").ToList() : [];

    private IReadOnlyList<(string, string)> GroupKinds(string pointer) =>
        Manifest.At(pointer) is JsonArray a
            ? a.OfType<JsonObject>().Select(e => (e["group"]?.ToString() ?? "", e["kind"]?.ToString() ?? "")).ToList()
            : [];
}
