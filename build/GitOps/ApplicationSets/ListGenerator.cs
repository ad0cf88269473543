using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The list generator: one parameter set per element of <c>elements</c> (or of the YAML list in
/// <c>elementsYaml</c>). With fasttemplate an element's values are strings and an element's
/// <c>values</c> map becomes <c>values.&lt;key&gt;</c>; with goTemplate elements are passed as they are.
/// </summary>
internal static class ListGenerator
{
    public static List<JsonObject>? Generate(JsonObject list, string pointer, Expansion x)
    {
        var elements = list["elements"] as JsonArray ?? [];
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
            if (elements[i] is not JsonObject element)
            {
                x.Report(Rules.AppSetInvalid, $"{pointer}/elements/{i}", "a list element is not an object of key/value pairs");
                return null;
            }
            if (x.GoTemplate)
            {
                sets.Add((JsonObject)element.DeepClone());
                continue;
            }
            var set = new JsonObject();
            foreach (var (key, value) in element)
            {
                if (key == "values" && value is JsonObject values)
                {
                    foreach (var (k, v) in values) set[$"values.{k}"] = Parameters.Text(v);
                }
                else set[key] = Parameters.Text(value);
            }
            sets.Add(set);
        }
        return sets;
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
