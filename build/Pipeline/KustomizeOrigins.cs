using System.Text.Json.Nodes;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Which repository file made each object of a kustomize build, from kustomize's own record:
/// <c>buildMetadata: [originAnnotations]</c> makes it annotate every object with
/// <c>config.kubernetes.io/origin</c> (<c>path:</c> the resource file; <c>configuredIn:</c> the
/// kustomization whose generator or helmCharts made it; <c>repo:</c> for a remote base). The
/// annotation is asked for by a wrapper kustomization in a scratch folder that lists the overlay as
/// its one resource (nothing of the repository is copied or edited for it), and taken out of the output
/// again (<see cref="Strip"/>) before anyone sees it: rendered objects, artifacts and diffs are
/// what the overlay alone builds.
/// </summary>
public static class KustomizeOrigins
{
    public const string Annotation = "config.kubernetes.io/origin";

    /// <summary>The line kustomize (kyaml) writes an origin annotation on, in a top-level object's metadata.annotations.</summary>
    private const string AnnotationLine = "    " + Annotation + ": |";

    /// <summary>
    /// The wrapper kustomization over the overlay at <paramref name="overlay"/> (relative to the
    /// wrapper's folder: kustomize refuses an absolute one). Only the top kustomization's
    /// <c>sortOptions</c> orders the output, so the overlay's move to the wrapper with it.
    /// </summary>
    public static string Wrapper(string overlay, JsonNode? sortOptions)
    {
        var wrapper = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray(overlay.Replace('\\', '/')),
            ["buildMetadata"] = new JsonArray("originAnnotations"),
        };
        if (sortOptions != null) wrapper["sortOptions"] = sortOptions.DeepClone();
        return Manifests.GoReadableJson.Text(wrapper); // JSON is YAML
    }

    /// <summary>
    /// kustomize's error with the wrapper's layer taken off ("accumulating resources from '&lt;overlay&gt;':
    /// ... recursed accumulation of path '&lt;overlay&gt;': "), so it reads as the overlay's own build's.
    /// An overlay whose kustomization cannot be loaded at all (an empty one, say) makes the wrapper try it
    /// as a file ("... must resolve to a file': couldn't make target for path '&lt;overlay&gt;': "): what is
    /// left is the reason, as the overlay's own build says it.
    /// </summary>
    public static string Unwrapped(string error)
    {
        var text = error.TrimStart();
        var prefix = text.StartsWith("error: ", StringComparison.Ordinal) ? "error: " : "";
        if (!text[prefix.Length..].StartsWith("accumulating resources: accumulation err='accumulating resources from '", StringComparison.Ordinal)) return error;
        foreach (var layer in new[] { "recursed accumulation of path '", "couldn't make target for path '" })
        {
            var at = text.IndexOf(layer, StringComparison.Ordinal);
            var end = at < 0 ? -1 : text.IndexOf("': ", at + layer.Length, StringComparison.Ordinal);
            if (end >= 0) return prefix + text[(end + 3)..];
        }
        return error;
    }

    /// <summary>
    /// The output with each origin's <c>path</c> and <c>configuredIn</c> replaced by <paramref name="map"/>'s
    /// (the repository-relative file; null when it is not in the repository: the value is emptied), so a
    /// cached build names the same files wherever the repository or the scratch folder is.
    /// </summary>
    public static string Relocate(string output, Func<string, string?> map)
    {
        var lines = output.Split('\n');
        foreach (var (_, block) in Annotations(lines))
        {
            // A remote base's object: its path is in that repository, not this one.
            if (block.Any(j => lines[j].StartsWith("      repo: ", StringComparison.Ordinal))) continue;
            foreach (var j in block)
            {
                foreach (var field in new[] { "path", "configuredIn" })
                {
                    var prefix = "      " + field + ": ";
                    if (lines[j].StartsWith(prefix, StringComparison.Ordinal))
                        lines[j] = prefix + Quoted(map(Unquoted(lines[j][prefix.Length..])) ?? "");
                }
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The output without the origin annotations (and without an annotations map they alone made),
    /// and each document's origin in order (null where it has none).
    /// </summary>
    public static (string Text, IReadOnlyList<KustomizeOrigin?> Origins) Strip(string output)
    {
        var lines = output.Split('\n');
        var documentStarts = lines.Select((line, i) => (line, i)).Where(l => l.line == "---").Select(l => l.i).ToList();
        var origins = new KustomizeOrigin?[documentStarts.Count + 1];
        var dropped = new HashSet<int>();
        foreach (var (at, block) in Annotations(lines))
        {
            origins[documentStarts.Count(d => d < at)] = Parse(block.Select(j => lines[j]).ToList());
            dropped.Add(at);
            dropped.UnionWith(block);
            // "  annotations:" right above, and the object's next field right below: the map held the origin alone.
            var next = (block.Count > 0 ? block[^1] : at) + 1;
            if (lines[at - 1] == "  annotations:" && (next >= lines.Length || Indent(lines[next]) <= 2 || lines[next] == "---"))
                dropped.Add(at - 1);
        }
        return (string.Join('\n', lines.Where((_, i) => !dropped.Contains(i))), origins);
    }

    /// <summary>
    /// The origin annotations of the output: the line of each (in a top-level object's
    /// metadata.annotations, where kustomize writes them) and the lines of its value.
    /// </summary>
    private static List<(int At, List<int> Block)> Annotations(string[] lines)
    {
        var found = new List<(int, List<int>)>();
        var (topKey, metadataKey) = ("", "");
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line == "---") { (topKey, metadataKey) = ("", ""); continue; }
            if (line.Trim().Length == 0) continue;
            var indent = Indent(line);
            if (indent == 0) (topKey, metadataKey) = (Key(line), "");
            else if (indent == 2 && topKey == "metadata") metadataKey = Key(line);
            else if (line == AnnotationLine && topKey == "metadata" && metadataKey == "annotations")
            {
                var block = new List<int>();
                for (var j = i + 1; j < lines.Length && lines[j].StartsWith("      ", StringComparison.Ordinal); j++) block.Add(j);
                found.Add((i, block));
                i += block.Count;
            }
        }
        return found;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static KustomizeOrigin? Parse(List<string> block)
    {
        string? Field(string name) => block.Where(l => l.StartsWith("      " + name + ": ", StringComparison.Ordinal))
            .Select(l => Unquoted(l[(6 + name.Length + 2)..])).FirstOrDefault(v => v.Length > 0);
        var origin = new KustomizeOrigin(Field("path"), Field("configuredIn"), Field("repo"));
        return origin is { Path: null, ConfiguredIn: null, Repo: null } ? null : origin;
    }

    private static string Key(string line) => line.Trim() is var t && t.IndexOf(':') is var colon and > 0 ? t[..colon] : t;

    private static string Unquoted(string value)
    {
        var v = value.Trim();
        if (v.Length >= 2 && v[0] == '\'' && v[^1] == '\'') return v[1..^1].Replace("''", "'");
        if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') return JsonNode.Parse(v)?.GetValue<string>() ?? "";
        return v;
    }

    /// <summary>A path as a YAML scalar: JSON-quoted (YAML reads JSON strings), so any character is safe.</summary>
    private static string Quoted(string value) => JsonValue.Create(value).ToJsonString();
}

/// <summary>
/// Where kustomize says an object came from: <see cref="Path"/> the resource file, or
/// <see cref="ConfiguredIn"/> the kustomization whose generator or helmCharts made it (relative to the
/// repository after <see cref="KustomizeOrigins.Relocate"/>); <see cref="Repo"/> for a remote base's object.
/// </summary>
public sealed record KustomizeOrigin(string? Path, string? ConfiguredIn, string? Repo)
{
    /// <summary>The repository file that made the object: its resource file, else the kustomization that generated it.</summary>
    public string? File => Repo is null ? Path ?? ConfiguredIn : null;
}
