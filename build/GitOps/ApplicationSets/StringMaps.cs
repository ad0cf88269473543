using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The cluster generator's <c>metadata.labels</c> and <c>metadata.annotations</c>: Argo CD hands them to goTemplate as
/// the cluster Secret's own Go <c>map[string]string</c> (applicationset/generators/cluster.go, getClusterParameters),
/// where a missing key is "" (for <c>index</c>, and for a field lookup without missingkey=error), while every other
/// map a generator gives (a git file's, a list element's) is a <c>map[string]interface{}</c>, where it is nil and
/// prints "&lt;no value&gt;". Parameters are JSON here, which has one kind of map, so the generator marks its maps
/// with a key no label or annotation can have; the marks travel with the parameters through matrix and merge, and
/// the engine takes them off (<see cref="Unmarked"/>) and renders those paths with Argo CD's meaning
/// (<see cref="ArgoTemplateSemantics"/>).
/// </summary>
public static class StringMaps
{
    /// <summary>Not a valid label or annotation key (a NUL), so it can be no cluster's own.</summary>
    private const string Mark = "\u0000map[string]string";

    /// <summary>The maps under <c>metadata</c> that can be string maps.</summary>
    public static readonly IReadOnlyList<string> Keys = ["labels", "annotations"];

    /// <summary><paramref name="map"/>, marked as a Go map[string]string.</summary>
    public static JsonObject Marked(JsonObject map)
    {
        map[Mark] = true;
        return map;
    }

    /// <summary>Which of <c>metadata.labels</c> / <c>metadata.annotations</c> are string maps in <paramref name="set"/> ("labels,annotations").</summary>
    public static string Of(JsonObject set) =>
        string.Join(',', Keys.Where(k => set["metadata"] is JsonObject m && m[k] is JsonObject map && map.ContainsKey(Mark)));

    /// <summary><paramref name="set"/> without marks (a copy when it has any), as the template sees it.</summary>
    public static JsonObject Unmarked(JsonObject set)
    {
        if (!set.ToJsonString().Contains("\\u0000map[string]string", StringComparison.Ordinal)) return set;
        var copy = (JsonObject)set.DeepClone();
        Strip(copy);
        return copy;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove(Mark);
                foreach (var (_, v) in o) Strip(v);
                break;
            case JsonArray a:
                foreach (var v in a) Strip(v);
                break;
        }
    }
}
