using System.Text.Json.Nodes;

namespace GitOps.Build.Changes;

/// <summary>
/// Replaces secret values before an object is turned into diff text, so no report, console line or
/// file a diff writes can hold one: a Secret's <c>data</c>/<c>stringData</c> values become
/// <c>(hidden)</c>, or <c>(hidden, changed)</c> on the new side when the key's value differs, and a
/// SealedSecret's <c>spec.encryptedData</c> values <c>(sealed)</c> / <c>changed (sealed)</c> (cipher
/// text is not secret, but it changes on every sealing and tells a reviewer nothing). Only the
/// keys show: which were added, removed or changed. A Secret's annotations can carry the data too:
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> is the whole object as JSON, and any
/// annotation whose value is a JSON or YAML mapping may be such a copy; their values are hidden
/// the same way (the annotation's name stays).
/// </summary>
public static class SecretMasking
{
    public const string Hidden = "(hidden)";
    public const string HiddenChanged = "(hidden, changed)";
    public const string Sealed = "(sealed)";
    public const string SealedChanged = "changed (sealed)";

    /// <summary>
    /// Both sides of an object of <paramref name="group"/>/<paramref name="kind"/> with their secret
    /// values replaced, as copies; the inputs are never changed (those of other kinds are returned as they are).
    /// </summary>
    public static (JsonObject? Before, JsonObject? After) Mask(string group, string kind, JsonObject? before, JsonObject? after)
    {
        var secret = group == "" && kind == "Secret";
        if (!secret && !(group == "bitnami.com" && kind == "SealedSecret")) return (before, after);
        var (b, a) = ((JsonObject?)before?.DeepClone(), (JsonObject?)after?.DeepClone());
        if (secret)
        {
            foreach (var field in new[] { "data", "stringData" }) Replace(b?[field] as JsonObject, a?[field] as JsonObject, Hidden, HiddenChanged);
            Replace(b?["metadata"]?["annotations"] as JsonObject, a?["metadata"]?["annotations"] as JsonObject, Hidden, HiddenChanged, CarriesData);
        }
        else
        {
            Replace(b?["spec"]?["encryptedData"] as JsonObject, a?["spec"]?["encryptedData"] as JsonObject, Sealed, SealedChanged);
        }
        return (b, a);
    }

    /// <param name="masked">Which keys hold a secret (on either side); null: every key.</param>
    private static void Replace(JsonObject? before, JsonObject? after, string same, string changed, Func<string, JsonNode?, bool>? masked = null)
    {
        // The comparison reads the values here, in memory; only the placeholders are written back.
        var old = before?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToJsonString());
        var keys = (before ?? []).Concat(after ?? []).Where(kv => masked == null || masked(kv.Key, kv.Value)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        if (after != null)
        {
            foreach (var key in after.Select(kv => kv.Key).Where(keys.Contains).ToList())
            {
                var differs = old != null && old.TryGetValue(key, out var was) && was != after[key]?.ToJsonString();
                after[key] = differs ? changed : same;
            }
        }
        if (before != null)
        {
            foreach (var key in before.Select(kv => kv.Key).Where(keys.Contains).ToList()) before[key] = same;
        }
    }

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>An annotation that may hold a copy of the Secret: kubectl's last-applied one, or any whose value is a mapping.</summary>
    private static bool CarriesData(string key, JsonNode? value)
    {
        if (key == LastApplied) return true;
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || !text.Contains(':')) return false;
        try { return Manifests.ManifestReader.Read(text, key).Count > 0; }
        catch (Exception e) when (e is Manifests.ManifestParseException or YamlDotNet.Core.YamlException) { return false; }
    }
}
