using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Runs one generator (an entry of spec.generators, or a child of matrix/merge) into parameter
/// sets (no more than the expansion's limit, see <see cref="Expansion.Capped"/>), then applies what
/// every generator shares: <c>values</c> (rendered with the generator's own parameters, as
/// <c>values.&lt;key&gt;</c>) and the post-<c>selector</c>. Null means the generator could not be
/// expanded (already reported).
/// </summary>
internal static class Generators
{
    /// <summary>Generators that ask a live service; offline they are reported, never guessed.</summary>
    private static readonly Dictionary<string, string> Live = new()
    {
        ["scmProvider"] = "an SCM provider's API",
        ["pullRequest"] = "an SCM provider's pull requests",
        ["clusterDecisionResource"] = "a resource in the cluster",
        ["plugin"] = "a plugin service",
    };

    public static List<JsonObject>? Generate(JsonObject generator, string pointer, Expansion x)
    {
        List<JsonObject>? sets;
        JsonObject? body;
        if ((body = generator["list"] as JsonObject) != null) sets = ListGenerator.Generate(body, pointer + "/list", x);
        else if ((body = generator["git"] as JsonObject) != null) sets = GitGenerator.Generate(body, pointer + "/git", x);
        else if ((body = generator["clusters"] as JsonObject) != null) sets = ClusterGenerator.Generate(body, x);
        else if ((body = generator["matrix"] as JsonObject) != null) sets = MatrixGenerator.Generate(body, pointer + "/matrix", x);
        else if ((body = generator["merge"] as JsonObject) != null) sets = MergeGenerator.Generate(body, pointer + "/merge", x);
        else
        {
            var live = Live.Keys.FirstOrDefault(generator.ContainsKey);
            if (live != null) x.Report(Rules.AppSetNotExpanded, $"{pointer}/{live}", $"the {live} generator needs {Live[live]}, so its Applications are not generated offline");
            else x.Report(Rules.AppSetInvalid, pointer, $"generator has no known kind ({string.Join(", ", generator.Select(kv => kv.Key))})");
            return null;
        }
        if (sets == null) return null;
        sets = x.Capped(sets, pointer);
        if (body["values"] is JsonObject { Count: > 0 } values) sets = WithValues(sets, values, pointer, x);
        if (sets != null && generator["selector"] is JsonObject selector && !LabelSelector.IsEmpty(selector))
        {
            sets = sets.Where(s => LabelSelector.Matches(selector, name => Parameters.Lookup(s, name) is { } v ? Parameters.Text(v) : null)).ToList();
        }
        return sets;
    }

    private static List<JsonObject>? WithValues(List<JsonObject> sets, JsonObject values, string pointer, Expansion x)
    {
        var keys = values.Select(kv => kv.Key).ToList();
        var templates = values.Select(kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value?.ToJsonString() ?? "").ToList();
        var bodyPointer = pointer + "/" + (values.Parent?.GetPropertyName() ?? "");
        var rendered = x.Render(templates, sets, k => $"{bodyPointer}/values/{keys[k]}");
        if (rendered == null) return null;
        var result = new List<JsonObject>();
        for (var i = 0; i < sets.Count; i++)
        {
            if (rendered[i] is not { } texts) continue;
            var set = (JsonObject)sets[i].DeepClone();
            if (x.GoTemplate)
            {
                var map = set["values"] as JsonObject ?? new JsonObject();
                for (var k = 0; k < keys.Count; k++) map[keys[k]] = texts[k];
                set["values"] = map;
            }
            else
            {
                for (var k = 0; k < keys.Count; k++) set[$"values.{keys[k]}"] = texts[k];
            }
            result.Add(set);
        }
        return result;
    }
}
