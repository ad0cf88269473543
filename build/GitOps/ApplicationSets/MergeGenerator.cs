using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The merge generator: the first child's parameter sets are the base; each later child's set
/// whose <c>mergeKeys</c> values equal a base set's overrides that base set's parameters (later
/// children win); later sets matching no base set are dropped. Sets that are not unique by the
/// merge keys are an error, as in Argo CD.
/// </summary>
internal static class MergeGenerator
{
    public static List<JsonObject>? Generate(JsonObject merge, string pointer, Expansion x)
    {
        var keys = (merge["mergeKeys"] as JsonArray ?? []).Select(k => k?.ToString() ?? "").Where(k => k.Length > 0).ToList();
        if (keys.Count == 0)
        {
            x.Report(Rules.AppSetInvalid, pointer, "the merge generator has no mergeKeys");
            return null;
        }
        if (merge["generators"] is not JsonArray { Count: >= 2 } children)
        {
            x.Report(Rules.AppSetInvalid, pointer + "/generators", "the merge generator needs two or more child generators");
            return null;
        }
        List<JsonObject>? result = null;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is not JsonObject child || Generators.GenerateChild(child, $"{pointer}/generators/{i}", x) is not { } sets) return null;
            var byKey = new Dictionary<string, JsonObject>();
            foreach (var set in sets)
            {
                if (!byKey.TryAdd(Key(set, keys), set))
                {
                    x.Report(Rules.AppSetInvalid, $"{pointer}/generators/{i}", $"the parameter sets of child generator {i + 1} are not unique by the merge keys ({string.Join(", ", keys)})");
                    return null;
                }
            }
            if (result == null)
            {
                result = sets;
                continue;
            }
            result = result.Select(b => byKey.TryGetValue(Key(b, keys), out var over) ? Override(b, over, x.GoTemplate) : b).ToList();
        }
        return result;
    }

    private static string Key(JsonObject set, List<string> keys) =>
        string.Join('\0', keys.Select(k => Parameters.Lookup(set, k) is { } v ? Parameters.Text(v) : "\u0001"));

    private static JsonObject Override(JsonObject under, JsonObject over, bool goTemplate)
    {
        if (goTemplate) return Parameters.Merge(under, over);
        var result = (JsonObject)under.DeepClone();
        foreach (var (k, v) in over) result[k] = v?.DeepClone();
        return result;
    }
}
