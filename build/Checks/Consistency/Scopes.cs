using GitOps.Build.Checks.Schema;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// Whether a kind is cluster-scoped, from what says so with most authority: the
/// CustomResourceDefinitions the repository renders (their spec.scope), the built-in list, the
/// well-known operators' cluster-scoped kinds (<see cref="OperatorKinds"/>), and last the
/// repository's AppProjects: a kind one names by group and kind under clusterResourceWhitelist is
/// one its owners know to be cluster-scoped. A kind of a built-in group is never judged by a
/// whitelist: Kubernetes says its scope, and Argo CD reads it from the API server, so a project that
/// lists a namespaced kind there (a Service under clusterResourceWhitelist) changes nothing.
/// </summary>
public sealed class Scopes
{
    private readonly Dictionary<(string Group, string Kind), bool> crds = new();
    private readonly HashSet<(string Group, string Kind)> whitelisted;

    public Scopes(IEnumerable<CheckedObject> objects, IEnumerable<AppProject>? projects = null)
    {
        // Only exact names count: a "*" entry says what a project allows, not which kinds are cluster-scoped.
        whitelisted = (projects ?? []).SelectMany(p => p.ClusterResourceWhitelist)
            .Where(gk => !gk.Group.Contains('*') && !gk.Kind.Contains('*')).ToHashSet();
        foreach (var o in objects.Where(o => o.Manifest.Group == "apiextensions.k8s.io" && o.Manifest.Kind == "CustomResourceDefinition"))
        {
            var group = o.Manifest.Text("/spec/group");
            var kind = o.Manifest.Text("/spec/names/kind");
            if (group != null && kind != null) crds[(group, kind)] = o.Manifest.Text("/spec/scope") == "Cluster";
        }
    }

    public bool IsClusterScoped(CheckedObject o) => IsClusterScoped(o.Manifest.Group, o.Manifest.Kind);

    public bool IsClusterScoped(string group, string kind) =>
        crds.TryGetValue((group, kind), out var cluster) ? cluster
        : KindCatalog.IsBuiltInGroup(group) ? KindCatalog.IsBuiltInClusterScoped(group, kind)
        : OperatorKinds.IsClusterScoped(group, kind) || whitelisted.Contains((group, kind));
}
