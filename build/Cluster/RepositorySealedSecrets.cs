using System.Text.Json.Nodes;
using GitOps.Build.Tasks;

namespace GitOps.Build.Cluster;

/// <summary>
/// The repository's SealedSecrets as Argo CD will apply them: those helm renders from the local charts
/// (sealed values set in values files; namespace from the Application when the chart sets none), plus
/// SealedSecret manifests kept as files under gitops/. One per namespace/name.
/// </summary>
public static class RepositorySealedSecrets
{
    public static IReadOnlyList<ManifestDocument> Collect(BuildContext context)
    {
        var found = new Dictionary<string, ManifestDocument>(StringComparer.Ordinal);
        foreach (var doc in SealedValues.ReadSealedSecrets(ClusterArguments.SealedSecretFiles(context.Root)))
            found[$"{doc.Namespace}/{doc.Name}"] = doc;

        foreach (var unit in context.Model.Units.Where(u => u.IsLocal))
        {
            var rendered = SealingSupport.Render(context, unit);
            foreach (var o in rendered.Objects.Where(o => o.Kind == "SealedSecret"))
            {
                var body = (JsonObject)o.Body.DeepClone();
                var ns = o.Namespace is { Length: > 0 } own ? own : unit.Namespace;
                ((JsonObject)(body["metadata"] ??= new JsonObject()))["namespace"] = ns;
                found[$"{ns}/{o.Name}"] = new ManifestDocument(body, SealingSupport.Relative(context, o.File), o.Line);
            }
        }
        return found.Values.ToList();
    }
}
