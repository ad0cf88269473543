using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Manifests;

namespace GitOps.Build.Changes;

public enum ResourceChangeKind { Added, Removed, Changed }

/// <summary>One object that differs between the two renderings of a unit, with its unified diff (secret values masked).</summary>
public sealed record ResourceChange(string Group, string Kind, string? Namespace, string Name, ResourceChangeKind Change, string Diff, int LinesAdded, int LinesRemoved)
{
    /// <summary>Kind/namespace/name, as operators name an object.</summary>
    public string Reference => Namespace is { Length: > 0 } ns ? $"{Kind}/{ns}/{Name}" : $"{Kind}/{Name}";
}

/// <summary>
/// The objects two renderings differ in. Objects are matched by group, kind, namespace and name,
/// whatever order the chart emits them in; each is compared as normalised YAML (keys sorted, so a
/// reordered map is no change; secret values masked by <see cref="SecretMasking"/>), and lines
/// matching <c>--diff-ignore</c> are dropped from both sides first, so a change only in them is none.
/// </summary>
public static class ResourceDiff
{
    public static IReadOnlyList<ResourceChange> Compare(IReadOnlyList<ManifestObject> before, IReadOnlyList<ManifestObject> after, Regex? ignore = null)
    {
        var old = Index(before);
        var @new = Index(after);
        var changes = new List<ResourceChange>();
        foreach (var key in old.Keys.Union(@new.Keys).OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Namespace, StringComparer.Ordinal)
                     .ThenBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Group, StringComparer.Ordinal))
        {
            var (b, a) = SecretMasking.Mask(key.Group, key.Kind, old.GetValueOrDefault(key), @new.GetValueOrDefault(key));
            var (beforeText, afterText) = (Text(b, ignore), Text(a, ignore));
            if (beforeText == afterText) continue;
            var label = key.Namespace.Length > 0 ? $"{key.Kind}/{key.Namespace}/{key.Name}" : $"{key.Kind}/{key.Name}";
            var change = b is null ? ResourceChangeKind.Added : a is null ? ResourceChangeKind.Removed : ResourceChangeKind.Changed;
            var diff = change switch
            {
                ResourceChangeKind.Added => Whole('+', afterText, "/dev/null", "b/" + label),
                ResourceChangeKind.Removed => Whole('-', beforeText, "a/" + label, "/dev/null"),
                _ => UnifiedDiff.Format(beforeText, afterText, "a/" + label, "b/" + label),
            };
            var (added, removed) = Count(diff);
            changes.Add(new ResourceChange(key.Group, key.Kind, key.Namespace.Length > 0 ? key.Namespace : null, key.Name, change, diff, added, removed));
        }
        return changes;
    }

    private readonly record struct ObjectKey(string Group, string Kind, string Namespace, string Name);

    private static Dictionary<ObjectKey, JsonObject> Index(IReadOnlyList<ManifestObject> objects)
    {
        var index = new Dictionary<ObjectKey, JsonObject>();
        foreach (var o in objects)
        {
            var key = new ObjectKey(o.Group, o.Kind, o.Namespace ?? "", o.Name);
            // The same object twice in one rendering is a finding of its own (DUPLICATE-OBJECT); the diff shows the last, as kubectl apply leaves it.
            index[key] = o.Body;
        }
        return index;
    }

    /// <summary>The object as the diff compares it: keys sorted at every level, written as YAML, ignored lines dropped.</summary>
    public static string Text(JsonObject? body, Regex? ignore = null)
    {
        if (body is null) return "";
        var yaml = YamlJson.ToYaml(Sorted(body)).Replace("\r\n", "\n");
        if (!yaml.EndsWith('\n')) yaml += "\n";
        if (ignore is null) return yaml;
        return string.Concat(yaml.Split('\n').SkipLast(1).Where(line => !ignore.IsMatch(line)).Select(line => line + "\n"));
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Whole(char sign, string text, string from, string to)
    {
        var lines = text.Split('\n').SkipLast(1).ToList();
        var sb = new StringBuilder().Append("--- ").Append(from).Append('\n').Append("+++ ").Append(to).Append('\n')
            .Append(sign == '+' ? $"@@ -0,0 +1,{lines.Count} @@\n" : $"@@ -1,{lines.Count} +0,0 @@\n");
        foreach (var line in lines) sb.Append(sign).Append(line).Append('\n');
        return sb.ToString();
    }

    private static (int Added, int Removed) Count(string diff)
    {
        var (added, removed) = (0, 0);
        foreach (var line in diff.Split('\n').Skip(2)) // the ---/+++ header
        {
            if (line.StartsWith('+')) added++;
            else if (line.StartsWith('-')) removed++;
        }
        return (added, removed);
    }
}
