using System.Text.Json.Nodes;

namespace GitOps.Build.Checks.Policy;

/// <summary>Kubernetes label selector semantics (matchLabels and matchExpressions) over a JSON selector.</summary>
public static class LabelSelector
{
    /// <summary>True when the selector selects the labels; an empty or missing selector selects nothing here.</summary>
    public static bool Matches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector == null) return false;
        var matchLabels = selector["matchLabels"] as JsonObject;
        var expressions = selector["matchExpressions"] as JsonArray;
        if ((matchLabels?.Count ?? 0) == 0 && (expressions?.Count ?? 0) == 0) return false;
        foreach (var (key, value) in matchLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value?.ToString()) return false;
        }
        foreach (var expression in (expressions ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.ToString() ?? "";
            var values = (expression["values"] as JsonArray)?.Select(v => v?.ToString()).ToHashSet() ?? [];
            var has = labels.TryGetValue(key, out var actual);
            var ok = expression["operator"]?.ToString() switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
