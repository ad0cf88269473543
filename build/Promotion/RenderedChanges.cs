using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Promotion;

/// <summary>One field that differs between two renderings of an environment (an object added or removed is one change at its root).</summary>
/// <param name="Pointer">JSON pointer inside the object; empty for the whole object.</param>
/// <param name="Before">The field's value before (JSON for a non-string), null when it did not exist.</param>
public sealed record RenderedChange(string Object, string Pointer, string? Before, string? After)
{
    public string Describe => Pointer.Length == 0
        ? $"{Object} {(Before is null ? "added" : "removed")}"
        : $"{Object} {Pointer}: {Before ?? "(none)"} → {After ?? "(none)"}";
}

/// <summary>
/// The fields two renderings of the same environment differ in, object by object (matched by group, kind,
/// namespace and name, whatever order they come in). What Promote's proof reads: a promotion may change
/// the app's container images and nothing else.
/// </summary>
public static class RenderedChanges
{
    public static IReadOnlyList<RenderedChange> Between(IReadOnlyList<ManifestObject> before, IReadOnlyList<ManifestObject> after)
    {
        var old = Index(before);
        var @new = Index(after);
        var changes = new List<RenderedChange>();
        foreach (var key in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (old.GetValueOrDefault(key), @new.GetValueOrDefault(key));
            if (b is null || a is null)
            {
                changes.Add(new RenderedChange((a ?? b)!.Reference, "", b is null ? null : "(object)", a is null ? null : "(object)"));
                continue;
            }
            Compare(b.Reference, "", b.Body, a.Body, changes);
        }
        return changes;
    }

    private static Dictionary<string, ManifestObject> Index(IEnumerable<ManifestObject> objects)
    {
        var index = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        foreach (var o in objects) index[$"{o.Group}/{o.Kind}/{o.Namespace}/{o.Name}"] = o;
        return index;
    }

    private static void Compare(string obj, string pointer, JsonNode? before, JsonNode? after, List<RenderedChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(kv => kv.Key).Union(a.Select(kv => kv.Key)))
                {
                    var inner = $"{pointer}/{key.Replace("~", "~0").Replace("/", "~1")}";
                    if (!b.ContainsKey(key) || !a.ContainsKey(key)) changes.Add(new RenderedChange(obj, inner, Text(b[key], b.ContainsKey(key)), Text(a[key], a.ContainsKey(key))));
                    else Compare(obj, inner, b[key], a[key], changes);
                }
                break;
            case (JsonArray b, JsonArray a) when b.Count == a.Count:
                for (var i = 0; i < b.Count; i++) Compare(obj, $"{pointer}/{i}", b[i], a[i], changes);
                break;
            default:
                var (bt, at) = (Text(before, true), Text(after, true));
                if (bt != at) changes.Add(new RenderedChange(obj, pointer, bt, at));
                break;
        }
    }

    private static string? Text(JsonNode? node, bool present) =>
        !present ? null : node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";
}
