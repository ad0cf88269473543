using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Cluster;

/// <summary>Reads multi-document YAML manifests into objects; empty documents are skipped, a v1 List is flattened.</summary>
public static class ManifestReader
{
    public static IReadOnlyList<ManifestDocument> ReadFile(string path) => Read(File.ReadAllText(path), path);

    public static IReadOnlyList<ManifestDocument> Read(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ClusterException($"{source}:{e.Start.Line}: invalid YAML: {e.Message}. Fix: correct the YAML syntax at that line.", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some broken flow collections this way, without a position.
            throw new ClusterException($"{source}: invalid YAML ({e.Message}), e.g. an unclosed [ or {{. Fix: correct the YAML syntax.", e);
        }

        var docs = new List<ManifestDocument>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode map) continue;
            var line = (int)map.Start.Line;
            if (YamlJson.ToJson(map) is not JsonObject body) continue;
            if (body["kind"]?.GetValue<string>() is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && body["items"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>()) docs.Add(Validate(new ManifestDocument((JsonObject)item.DeepClone(), source, line)));
                continue;
            }
            docs.Add(Validate(new ManifestDocument(body, source, line)));
        }
        return docs;
    }

    private static ManifestDocument Validate(ManifestDocument d)
    {
        if (d.ApiVersion.Length == 0 || d.Kind.Length == 0 || d.Name.Length == 0)
            throw new ClusterException($"{d.Location}: a manifest object needs apiVersion, kind and metadata.name. Fix: add the missing field.");
        return d;
    }
}
