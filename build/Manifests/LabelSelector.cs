using System.Text.Json.Nodes;

namespace GitOps.Build.Manifests;

/// <summary>
/// A Kubernetes label selector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist)
/// over any name → value lookup: pod labels for a PodDisruptionBudget, cluster labels and
/// generator parameters for ApplicationSets. A missing selector matches everything; callers that
/// want an empty selector to select nothing say so with <see cref="IsEmpty"/>.
/// </summary>
public static class LabelSelector
{
    public static bool IsEmpty(JsonObject? selector) =>
        selector == null || ((selector["matchLabels"] as JsonObject)?.Count ?? 0) == 0 && ((selector["matchExpressions"] as JsonArray)?.Count ?? 0) == 0;

    public static bool Matches(JsonObject? selector, Func<string, string?> value)
    {
        if (selector == null) return true;
        if (selector["matchLabels"] is JsonObject labels && labels.Any(kv => value(kv.Key) != kv.Value?.ToString())) return false;
        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var actual = value(expression["key"]?.ToString() ?? "");
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).ToList();
            var ok = expression["operator"]?.ToString() switch
            {
                "In" => actual != null && values.Contains(actual),
                "NotIn" => actual == null || !values.Contains(actual),
                "Exists" => actual != null,
                "DoesNotExist" => actual == null,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
