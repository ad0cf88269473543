using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// The same object twice in one Application's output (two templates, or a template and a
/// directory file, rendering the same group/kind/namespace/name): only one survives the sync.
/// </summary>
public static class DuplicateObjects
{
    public static void Check(IReadOnlyList<CheckedObject> unitObjects, Func<CheckedObject, bool> clusterScoped, FindingSink sink)
    {
        foreach (var group in unitObjects.Where(o => o.Manifest.Name.Length > 0).GroupBy(o => Identity(o, clusterScoped(o))).Where(g => g.Count() > 1))
        {
            var first = group.First();
            var firstAt = first.At("");
            foreach (var duplicate in group.Skip(1))
            {
                sink.Add(Rules.DuplicateObject, duplicate, "/metadata/name",
                    $"{group.Key} is rendered twice by Application {duplicate.Application?.Name}; first at {firstAt.File}:{firstAt.Line}{CheckedObject.OriginBeside(first.Origin, firstAt.File)}");
            }
        }
    }

    /// <summary>group/kind/namespace/name; the namespace is the one the object lands in.</summary>
    public static string Identity(CheckedObject o, bool clusterScoped)
    {
        var ns = o.EffectiveNamespace(clusterScoped);
        var group = o.Manifest.Group.Length == 0 ? "core" : o.Manifest.Group;
        return ns == null ? $"{group}/{o.Manifest.Kind}/{o.Manifest.Name}" : $"{group}/{o.Manifest.Kind}/{ns}/{o.Manifest.Name}";
    }
}
