using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// One parameter set as a JSON object. With fasttemplate its keys are flat ("cluster.name",
/// "path[0]") and its values strings; with goTemplate it is nested, as generators produce it.
/// </summary>
public static class Parameters
{
    /// <summary>A value as text in a rendered string (Go's %v for what JSON can hold).</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "<nil>",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    /// <summary>Nested objects and arrays as flat "a.b" / "a.0" keys (what fasttemplate templates name).</summary>
    public static JsonObject Flatten(JsonObject nested, string prefix = "")
    {
        var flat = new JsonObject();
        Flatten(nested, prefix, flat);
        return flat;
    }

    private static void Flatten(JsonNode? node, string key, JsonObject into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o) Flatten(v, key.Length == 0 ? k : $"{key}.{k}", into);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Flatten(a[i], key.Length == 0 ? $"{i}" : $"{key}.{i}", into);
                break;
            default:
                into[key] = Text(node);
                break;
        }
    }

    /// <summary>A parameter by name: the flat key itself, else (goTemplate) the dotted path through nested objects.</summary>
    public static JsonNode? Lookup(JsonObject parameters, string name)
    {
        if (parameters.TryGetPropertyValue(name, out var direct)) return direct;
        JsonNode? at = parameters;
        foreach (var part in name.Split('.'))
        {
            if (at is not JsonObject o || !o.TryGetPropertyValue(part, out at)) return null;
        }
        return at;
    }

    /// <summary>
    /// <paramref name="over"/> merged into a copy of <paramref name="under"/>: objects merged key
    /// by key, anything else replaced (how matrix and merge combine goTemplate parameters).
    /// </summary>
    public static JsonObject Merge(JsonObject under, JsonObject over)
    {
        var result = (JsonObject)under.DeepClone();
        foreach (var (k, v) in over)
        {
            result[k] = result[k] is JsonObject a && v is JsonObject b ? Merge(a, b) : v?.DeepClone();
        }
        return result;
    }
}
