using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// Reads integers from JSON nodes whatever backs them (parsed JSON, or int/long values set in code):
/// JsonValue.GetValue&lt;long&gt; refuses an int-backed value.
/// </summary>
public static class JsonNumbers
{
    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el)) return el;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return null;
    }
}
