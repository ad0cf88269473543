using System.Text.RegularExpressions;
using GitOps.Build.Sealing;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// What a copied values file must not take from the app it was copied from, because it is that app's own: its sealed
/// values (sealed for its Secret's name), references to its Secrets, and its hostnames and URLs (an ingress, a route,
/// an address another service is reached at). Each is removed from the copy, with the feature that holds it (an
/// ingress, route or gateway block goes whole, so no half-configured one is left; an env-var list item goes whole),
/// and named for the operator to fill in. A chart's own defaults keep their example hosts; only sealed values go there.
/// </summary>
public static partial class BorrowedValues
{
    public enum Kind { SealedValue, SecretReference, Hostname }

    /// <summary>One value left out: what it was, where it sat, and the entry or item removed with it (<paramref name="Kept"/>: still there, in a file of several documents).</summary>
    public sealed record Removed(Kind Kind, YamlPath At, string Value, YamlPath Entry, bool Kept = false);

    /// <summary>Keys whose block is one feature: a hostname inside takes the whole block out.</summary>
    private static readonly string[] Features = ["ingress", "route", "gateway", "virtualservice"];

    /// <summary>The text without the borrowed values; each one left out is added to <paramref name="removed"/>.</summary>
    /// <param name="onlySealed">Only sealed values are taken out: from a chart's values.yaml (its hosts are examples, and templates read every
    /// default), or from an environment's copy (its hosts are renamed with it). A file of several documents is not edited: what it holds is only named.</param>
    public static string Strip(string text, string file, bool onlySealed, List<Removed> removed)
    {
        var found = new List<(Removed Value, int Line)>();
        foreach (var value in YamlBlockEditor.Values(text, file))
        {
            if (IsSealed(value.Value)) found.Add((new(Kind.SealedValue, value.Path, value.Value, value.Path), value.Line));
            else if (onlySealed) continue;
            else if (IsSecretReference(value.Path)) found.Add((new(Kind.SecretReference, value.Path, value.Value, ItemOrEntry(value.Path)), value.Line));
            else if (IsHostOrUrl(value.Value)) found.Add((new(Kind.Hostname, value.Path, value.Value, FeatureOf(value.Path)), value.Line));
        }
        var several = YamlBlockEditor.HasSeveralDocuments(text, file);
        removed.AddRange(found.Select(f => f.Value with { Kept = several }));
        if (several) return text;
        // An entry inside another one removed goes with it; the last in the file first, so earlier positions stay valid.
        var entries = found.Select(f => f.Value.Entry).Distinct().ToList();
        foreach (var entry in entries.Where(e => !entries.Any(o => !o.Equals(e) && o.Contains(e)))
                     .OrderByDescending(e => found.Where(f => e.Contains(f.Value.At)).Min(f => f.Line)))
            text = YamlBlockEditor.Remove(text, file, entry);
        return text;
    }

    /// <summary>What was left out of a copied file, in the operator's terms: what to seal (with <paramref name="sealCommand"/>), which hosts and Secrets to give the newcomer.</summary>
    /// <param name="owner">Whose the values were (the model app, the environment copied).</param>
    public static IEnumerable<string> Describe(string file, string owner, string newcomer, string sealCommand, IReadOnlyList<Removed> removed)
    {
        var sealedValues = removed.Where(r => r.Kind == Kind.SealedValue).ToList();
        var keys = string.Join(", ", sealedValues.Select(r => r.At.LastKey).Distinct());
        if (sealedValues.Any(r => !r.Kept))
            yield return $"{file}: {owner}'s sealed values {keys} are left out (they open only for {owner}); seal {newcomer}'s own: {sealCommand}";
        else if (sealedValues.Count > 0)
            yield return $"{file} still holds {owner}'s sealed values {keys}, which open only for {owner}; seal {newcomer}'s own in their place: {sealCommand}";
        foreach (var r in removed.Where(r => r.Kind == Kind.SecretReference))
            yield return $"{file}: {r.Entry} is {(r.Kept ? "still there" : "left out")} (it names {owner}'s Secret {r.Value}); give {newcomer} its own";
        foreach (var group in removed.Where(r => r.Kind == Kind.Hostname).GroupBy(r => r.Entry))
            yield return $"{file}: {group.Key} is {(group.First().Kept ? "still there" : "left out")} ({owner}'s {string.Join(", ", group.Select(r => r.Value).Distinct())}); give {newcomer} its own";
    }

    /// <summary>A value in the Sealed Secrets controller's format (what SealSecret writes).</summary>
    public static bool IsSealed(string value) =>
        value.Length >= 64 && SealedValueLayout.TrySplit(value, out _, out _, out _);

    /// <summary>A name of another app's Secret: <c>existingSecret</c>, <c>secretName</c>, anything under a <c>secretKeyRef</c> or <c>secretRef</c>.</summary>
    private static bool IsSecretReference(YamlPath path) =>
        path.LastKey is { } key && (key.Equals("existingSecret", StringComparison.OrdinalIgnoreCase) || key.Equals("secretName", StringComparison.OrdinalIgnoreCase))
        || path.Keys.Any(k => k.Equals("secretKeyRef", StringComparison.OrdinalIgnoreCase) || k.Equals("secretRef", StringComparison.OrdinalIgnoreCase));

    /// <summary>A URL with a host, or a DNS name of two labels or more that ends in letters (ontu.example.com, api.svc.cluster.local).</summary>
    public static bool IsHostOrUrl(string value) =>
        Url().IsMatch(value) || HostName().IsMatch(value) && !FileExtensions.Contains(value[(value.LastIndexOf('.') + 1)..]);

    /// <summary>Names that read as hosts but are files (settings.json, app.conf).</summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "yaml", "yml", "json", "toml", "xml", "ini", "conf", "cfg", "properties", "env", "txt", "log", "sh", "py", "js", "html", "pem", "crt", "key", "tpl", "sql",
    };

    /// <summary>What goes with a hostname: the feature block holding it, else the list item holding it, else its own entry.</summary>
    private static YamlPath FeatureOf(YamlPath path)
    {
        for (var i = 0; i < path.Depth; i++)
        {
            if (path.Segments[i] is string key && Features.Any(f => key.Contains(f, StringComparison.OrdinalIgnoreCase))) return path.Take(i + 1);
        }
        return ItemOrEntry(path);
    }

    /// <summary>The innermost list item holding the value, else the value's own entry.</summary>
    private static YamlPath ItemOrEntry(YamlPath path)
    {
        for (var i = path.Depth - 1; i >= 0; i--)
        {
            if (path.Segments[i] is int) return path.Take(i + 1);
        }
        return path;
    }

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}\.?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HostName();
}
