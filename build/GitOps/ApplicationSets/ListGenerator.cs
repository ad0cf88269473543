using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The list generator: one parameter set per element of <c>elements</c>, then of the YAML list in
/// <c>elementsYaml</c>. With fasttemplate an element of <c>elements</c> holds strings, and its
/// <c>values</c> map (of strings) becomes <c>values.&lt;key&gt;</c>; anything else fails the
/// generator, as in Argo CD ("error parsing value as string"). Elements of <c>elementsYaml</c>,
/// and every element with goTemplate, are passed as they are (fasttemplate then fills in only
/// their strings, see <see cref="FastTemplate"/>).
/// </summary>
internal static class ListGenerator
{
    public static List<JsonObject>? Generate(JsonObject list, string pointer, Expansion x)
    {
        var elements = list["elements"] as JsonArray ?? [];
        var written = elements.Count;
        if (list["elementsYaml"] is JsonValue yamlValue && yamlValue.TryGetValue<string>(out var yaml) && yaml.Trim().Length > 0)
        {
            var parsed = ParseYaml(yaml, pointer, x);
            if (parsed == null) return null;
            elements = [.. elements.Select(e => e?.DeepClone()), .. parsed];
        }
        var sets = new List<JsonObject>();
        // One past the limit is enough to know it is reached (Expansion.Capped): the rest is never copied.
        for (var i = 0; i < elements.Count && sets.Count <= x.Limit; i++)
        {
            var at = i < written ? $"{pointer}/elements/{i}" : $"{pointer}/elementsYaml";
            if (elements[i] is not JsonObject element)
            {
                x.Report(Rules.AppSetInvalid, at, "a list element is not an object of key/value pairs");
                return null;
            }
            if (x.GoTemplate || i >= written)
            {
                sets.Add((JsonObject)element.DeepClone());
                continue;
            }
            if (Strings(element, at, x) is not { } set) return null;
            sets.Add(set);
        }
        return sets;
    }

    /// <summary>A fasttemplate element's parameters: its strings, and its values map's as values.&lt;key&gt;; null (reported) when one is not a string.</summary>
    private static JsonObject? Strings(JsonObject element, string at, Expansion x)
    {
        var set = new JsonObject();
        foreach (var (key, value) in element)
        {
            var entries = key == "values" && value is JsonObject values ? values.Select(kv => ($"values.{kv.Key}", $"{at}/values/{kv.Key}", kv.Value)) : [(key, $"{at}/{key}", value)];
            foreach (var (name, where, v) in entries)
            {
                if (v is not JsonValue s || s.GetValueKind() != System.Text.Json.JsonValueKind.String)
                {
                    x.Report(Rules.AppSetInvalid, where,
                        $"list element parameter {name} is {(v == null ? "null" : v.GetValueKind().ToString().ToLowerInvariant())}, not a string; without goTemplate Argo CD's list generator takes strings only (error parsing value as string): quote it");
                    return null;
                }
                set[name] = s.GetValue<string>();
            }
        }
        return set;
    }

    private static List<JsonNode?>? ParseYaml(string yaml, string pointer, Expansion x)
    {
        try
        {
            var stream = Manifests.ManifestReader.Load(yaml, x.File);
            if (stream.Documents.Count == 0) return [];
            var node = Manifests.ManifestReader.ToJson(stream.Documents[0].RootNode, "", new Dictionary<string, int>(), x.File);
            if (node is JsonArray array) return array.Select(e => e?.DeepClone()).ToList();
            x.Report(Rules.AppSetInvalid, pointer + "/elementsYaml", "elementsYaml is not a YAML list");
            return null;
        }
        catch (Exception e) when (e is YamlException or Manifests.ManifestParseException)
        {
            x.Report(Rules.AppSetInvalid, pointer + "/elementsYaml", $"elementsYaml does not parse: {e.Message}");
            return null;
        }
    }
}
