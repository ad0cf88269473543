using GitOps.Build.Checks.Schema;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// Whether a kind is cluster-scoped: the built-in list, plus the CustomResourceDefinitions the
/// repository renders (their spec.scope), since a project whitelists those by scope too.
/// </summary>
public sealed class Scopes
{
    private readonly Dictionary<(string Group, string Kind), bool> crds = new();

    public Scopes(IEnumerable<CheckedObject> objects)
    {
        foreach (var o in objects.Where(o => o.Manifest.Group == "apiextensions.k8s.io" && o.Manifest.Kind == "CustomResourceDefinition"))
        {
            var group = o.Manifest.Text("/spec/group");
            var kind = o.Manifest.Text("/spec/names/kind");
            if (group != null && kind != null) crds[(group, kind)] = o.Manifest.Text("/spec/scope") == "Cluster";
        }
    }

    public bool IsClusterScoped(CheckedObject o) => IsClusterScoped(o.Manifest.Group, o.Manifest.Kind);

    public bool IsClusterScoped(string group, string kind) =>
        crds.TryGetValue((group, kind), out var cluster) ? cluster : KindCatalog.IsBuiltInClusterScoped(group, kind);
}
