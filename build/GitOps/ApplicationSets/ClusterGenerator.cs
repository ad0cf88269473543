using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The cluster generator over the clusters known here (<see cref="ClusterInfo"/>): parameters
/// name, nameNormalized, server, project and metadata.labels/annotations (flat
/// <c>metadata.labels.&lt;key&gt;</c> with fasttemplate, nested with goTemplate). The in-cluster
/// destination has no cluster Secret, so a selector never matches it. With no cluster listed in
/// gitops-build.yaml, in-cluster is all that is known: a selector then matches nothing here while
/// Argo CD matches the clusters it has Secrets for, so that is said (APPSET-NOT-EXPANDED), never
/// taken for an ApplicationSet that generates nothing. With <c>flatList: true</c> the clusters are one
/// parameter set, <c>{clusters: [...]}</c>, as Argo CD consolidates them (Generators-Cluster.md,
/// "Gather cluster information as a flat list").
/// </summary>
internal static class ClusterGenerator
{
    public static List<JsonObject> Generate(JsonObject clusters, string pointer, Expansion x)
    {
        var selector = clusters["selector"] as JsonObject;
        var sets = x.Clusters
            .Where(c => LabelSelector.IsEmpty(selector) || (!ReferenceEquals(c, ClusterInfo.InCluster) && LabelSelector.Matches(selector, k => c.LabelMap.GetValueOrDefault(k))))
            .Select(c => Parameters(c, x.GoTemplate))
            .ToList();
        x.UsesClusters = true;
        if (sets.Count == 0 && x.Clusters.All(c => ReferenceEquals(c, ClusterInfo.InCluster)))
        {
            x.Report(Rules.AppSetNotExpanded, pointer + "/selector",
                "the clusters generator selects clusters by label, and no cluster is known here but in-cluster, which has no cluster Secret to match; " +
                "list the clusters Argo CD manages, with their labels, under clusters: in gitops-build.yaml to generate and check its Applications");
        }
        return clusters["flatList"] is JsonValue flat && flat.TryGetValue<bool>(out var on) && on
            ? [new JsonObject { ["clusters"] = new JsonArray(sets.Cast<JsonNode>().ToArray()) }]
            : sets;
    }

    private static JsonObject Parameters(ClusterInfo c, bool goTemplate)
    {
        var set = new JsonObject
        {
            ["name"] = c.Name,
            ["nameNormalized"] = Names.Normalize(c.Name),
            ["server"] = c.Server,
            ["project"] = c.Project,
        };
        if (goTemplate)
        {
            // A cluster Secret's labels and annotations are Go string maps there (StringMaps); in-cluster without a
            // Secret has none at all in Argo CD (cluster.go), so its empty maps stay plain ones.
            var inCluster = ReferenceEquals(c, ClusterInfo.InCluster);
            set["metadata"] = new JsonObject
            {
                ["labels"] = Map(c.LabelMap, stringMap: !inCluster),
                ["annotations"] = Map(c.AnnotationMap, stringMap: !inCluster),
            };
            return set;
        }
        foreach (var (k, v) in c.LabelMap) set[$"metadata.labels.{k}"] = v;
        foreach (var (k, v) in c.AnnotationMap) set[$"metadata.annotations.{k}"] = v;
        return set;
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> map, bool stringMap)
    {
        var json = new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return stringMap ? StringMaps.Marked(json) : json;
    }
}
