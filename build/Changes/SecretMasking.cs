using System.Text.Json.Nodes;

namespace GitOps.Build.Changes;

/// <summary>
/// Replaces secret values before an object is turned into diff text, so no report, console line or
/// file a diff writes can hold one: a Secret's <c>data</c>/<c>stringData</c> values become
/// <c>(hidden)</c>, or <c>(hidden, changed)</c> on the new side when the key's value differs, and a
/// SealedSecret's <c>spec.encryptedData</c> values <c>(sealed)</c> / <c>changed (sealed)</c> (cipher
/// text is not secret, but it changes on every sealing and tells a reviewer nothing). Only the
/// keys show: which were added, removed or changed.
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
        }
        else
        {
            Replace(b?["spec"]?["encryptedData"] as JsonObject, a?["spec"]?["encryptedData"] as JsonObject, Sealed, SealedChanged);
        }
        return (b, a);
    }

    private static void Replace(JsonObject? before, JsonObject? after, string same, string changed)
    {
        // The comparison reads the values here, in memory; only the placeholders are written back.
        var old = before?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToJsonString());
        if (after != null)
        {
            foreach (var key in after.Select(kv => kv.Key).ToList())
            {
                var differs = old != null && old.TryGetValue(key, out var was) && was != after[key]?.ToJsonString();
                after[key] = differs ? changed : same;
            }
        }
        if (before != null)
        {
            foreach (var key in before.Select(kv => kv.Key).ToList()) before[key] = same;
        }
    }
}
