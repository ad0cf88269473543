using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Runs one generator (one kind of an entry of spec.generators, or a child of matrix/merge) into
/// parameter sets (no more than the expansion's limit, see <see cref="Expansion.Capped"/>), then
/// applies what every generator shares: <c>values</c> (for the kinds that have them, rendered with
/// the generator's own parameters, as <c>values.&lt;key&gt;</c>) and the post-<c>selector</c>
/// (matched against the parameters flattened, as Argo CD flattens them: <c>values.0</c> is the
/// first element of <c>values</c>). Null means the generator could not be expanded (already reported).
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

    /// <summary>Every generator kind, in the order Argo CD runs the kinds one entry names.</summary>
    private static readonly string[] Kinds = ["list", "clusters", "git", "scmProvider", "clusterDecisionResource", "pullRequest", "matrix", "merge", "plugin"];

    /// <summary>The kinds that take <c>values</c> (a list, matrix or merge has none: Kubernetes drops the field).</summary>
    private static readonly HashSet<string> WithValuesKinds = ["clusters", "git", "scmProvider", "clusterDecisionResource", "pullRequest", "plugin"];

    /// <summary>Whether a generator of <paramref name="kind"/> has <c>values</c>.</summary>
    public static bool TakesValues(string kind) => WithValuesKinds.Contains(kind);

    /// <summary>The generator kinds an entry names, in Argo CD's order (a kind set to null names nothing).</summary>
    public static List<string> KindsOf(JsonObject generator) => Kinds.Where(k => generator[k] != null).ToList();

    /// <summary>
    /// A child of a matrix or merge: Argo CD refuses one that names more than one generator
    /// ("found more than one generator in matrix.Generators"), and so does this.
    /// </summary>
    public static List<JsonObject>? GenerateChild(JsonObject generator, string pointer, Expansion x)
    {
        var kinds = KindsOf(generator);
        if (kinds.Count > 1)
        {
            x.Report(Rules.AppSetInvalid, $"{pointer}/{kinds[1]}",
                $"the child generator names {kinds.Count} generators ({string.Join(", ", kinds)}); Argo CD refuses a matrix or merge child with more than one (found more than one generator): split it into two children, or nest a matrix");
            return null;
        }
        return Generate(generator, kinds.FirstOrDefault(), pointer, x);
    }

    /// <param name="kind">Which of the entry's generators (see <see cref="KindsOf"/>); null: it names none (reported).</param>
    public static List<JsonObject>? Generate(JsonObject generator, string? kind, string pointer, Expansion x)
    {
        var body = kind != null ? generator[kind] as JsonObject : null;
        if (kind == null || Live.ContainsKey(kind) || body == null)
        {
            if (kind != null && Live.TryGetValue(kind, out var service)) x.Report(Rules.AppSetNotExpanded, $"{pointer}/{kind}", $"the {kind} generator needs {service}, so its Applications are not generated offline");
            else if (kind != null) x.Report(Rules.AppSetInvalid, $"{pointer}/{kind}", $"the {kind} generator is not an object");
            else x.Report(Rules.AppSetInvalid, pointer, $"generator has no known kind ({string.Join(", ", generator.Select(kv => kv.Key))})");
            return null;
        }
        var sets = kind switch
        {
            "list" => ListGenerator.Generate(body, pointer + "/list", x),
            "git" => GitGenerator.Generate(body, pointer + "/git", x),
            "clusters" => ClusterGenerator.Generate(body, pointer + "/clusters", x),
            "matrix" => MatrixGenerator.Generate(body, pointer + "/matrix", x),
            _ => MergeGenerator.Generate(body, pointer + "/merge", x),
        };
        if (sets == null) return null;
        sets = x.Capped(sets, pointer);
        if (WithValuesKinds.Contains(kind) && body["values"] is JsonObject { Count: > 0 } values) sets = WithValues(sets, values, $"{pointer}/{kind}", x);
        if (sets != null && generator["selector"] is JsonObject selector && !LabelSelector.IsEmpty(selector))
        {
            sets = sets.Where(s => Parameters.Flatten(s) is var flat && LabelSelector.Matches(selector, name => flat.TryGetPropertyValue(name, out var v) ? Parameters.Text(v) : null)).ToList();
        }
        return sets;
    }

    /// <summary>
    /// Each set with <c>values</c> rendered against it (not against one another: a value naming
    /// <c>.values.x</c> sees none), added as <c>values.&lt;key&gt;</c> (fasttemplate) or as the
    /// <c>values</c> map, which replaces any <c>values</c> the generator gave (goTemplate).
    /// </summary>
    private static List<JsonObject>? WithValues(List<JsonObject> sets, JsonObject values, string bodyPointer, Expansion x)
    {
        var keys = values.Select(kv => kv.Key).ToList();
        var templates = values.Select(kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value?.ToJsonString() ?? "").ToList();
        var rendered = x.Render(templates, sets, k => $"{bodyPointer}/values/{keys[k]}");
        if (rendered == null) return null;
        var result = new List<JsonObject>();
        for (var i = 0; i < sets.Count; i++)
        {
            if (rendered[i] is not { } texts) continue;
            var set = (JsonObject)sets[i].DeepClone();
            if (x.GoTemplate)
            {
                var map = new JsonObject();
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
