using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The two merges of a template: a generator's own <c>template</c> over spec.template (the
/// generator's fields win; empty ones are filled from spec.template, objects field by field), and
/// a rendered <c>templatePatch</c> over a generated Application (a JSON merge patch: objects
/// merged, lists and values replaced, null removes).
/// </summary>
internal static class TemplateMerge
{
    public static JsonObject GeneratorOverSpec(JsonObject generatorTemplate, JsonObject specTemplate)
    {
        var result = (JsonObject)generatorTemplate.DeepClone();
        foreach (var (k, v) in specTemplate)
        {
            if (result[k] is JsonObject a && v is JsonObject b) result[k] = GeneratorOverSpec(a, b);
            else if (IsEmpty(result[k])) result[k] = v?.DeepClone();
        }
        return result;
    }

    public static JsonObject Patch(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (k, v) in patch)
        {
            if (v == null) result.Remove(k);
            else if (v is JsonObject p) result[k] = Patch(result[k] as JsonObject ?? new JsonObject(), p);
            else result[k] = v.DeepClone();
        }
        return result;
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValueKind.False => true,
            JsonValueKind.Number => v.ToJsonString() is "0" or "0.0",
            _ => false,
        },
        _ => false,
    };
}
