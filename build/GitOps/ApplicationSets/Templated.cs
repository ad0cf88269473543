using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>A templated string inside a JSON tree: where it is, and whether it is an object key rather than a value.</summary>
internal sealed record TemplatedString(string Pointer, string Text, bool IsKey);

/// <summary>
/// The strings of a JSON tree that hold template tags, and the tree rebuilt with them rendered.
/// Argo CD renders every string field, and map keys too (an annotation's name may be templated);
/// numbers and booleans are never templated.
/// </summary>
internal static class Templated
{
    public static List<TemplatedString> Strings(JsonNode? node)
    {
        var found = new List<TemplatedString>();
        Collect(node, "", found);
        return found;
    }

    private static void Collect(JsonNode? node, string pointer, List<TemplatedString> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    var child = Manifests.JsonPointer.Append(pointer, k);
                    if (FastTemplate.HasTags(k)) found.Add(new TemplatedString(child, k, IsKey: true));
                    Collect(v, child, found);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Collect(a[i], Manifests.JsonPointer.Append(pointer, i), found);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && FastTemplate.HasTags(s):
                found.Add(new TemplatedString(pointer, s, IsKey: false));
                break;
        }
    }

    /// <summary>A copy of <paramref name="node"/> with strings[k] replaced by rendered[k].</summary>
    public static JsonObject Replace(JsonObject node, IReadOnlyList<TemplatedString> strings, IReadOnlyList<string> rendered)
    {
        var values = new Dictionary<string, string>();
        var keys = new Dictionary<string, string>();
        for (var k = 0; k < strings.Count; k++) (strings[k].IsKey ? keys : values)[strings[k].Pointer] = rendered[k];
        return (JsonObject)Rebuild(node, "", values, keys)!;
    }

    private static JsonNode? Rebuild(JsonNode? node, string pointer, Dictionary<string, string> values, Dictionary<string, string> keys)
    {
        switch (node)
        {
            case JsonObject o:
                var obj = new JsonObject();
                foreach (var (k, v) in o)
                {
                    var child = Manifests.JsonPointer.Append(pointer, k);
                    obj[keys.GetValueOrDefault(child, k)] = Rebuild(v, child, values, keys);
                }
                return obj;
            case JsonArray a:
                var array = new JsonArray();
                for (var i = 0; i < a.Count; i++) array.Add(Rebuild(a[i], Manifests.JsonPointer.Append(pointer, i), values, keys));
                return array;
            default:
                return values.TryGetValue(pointer, out var text) ? JsonValue.Create(text) : node?.DeepClone();
        }
    }
}
