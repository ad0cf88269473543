using GitOps.Build.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Promotion;

/// <summary>
/// Reads gitops/environments.yaml:
/// <code>
/// promotion:
///   order: [dev, staging, prod]
/// environments:
///   prod:
///     immutableTags: true
///     # ...other keys other tools read are ignored here
/// </code>
/// Unknown keys are ignored, so the file can grow without breaking promotion.
/// </summary>
public static class EnvironmentCatalogReader
{
    public static EnvironmentCatalog Read(string filePath)
    {
        if (!File.Exists(filePath))
            throw new YamlEditException(filePath, 1,
                "not found; it defines the promotion order (promotion: {order: [dev, staging, prod]}).");
        return Parse(File.ReadAllText(filePath), filePath);
    }

    public static EnvironmentCatalog Parse(string text, string fileName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new YamlEditException(fileName, (int)e.Start.Line, "not valid YAML: " + e.Message, e); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new YamlEditException(fileName, 1, "expected a mapping with 'promotion.order' and 'environments'.");

        var order = ReadOrder(root, fileName);
        var settings = ReadEnvironments(root, fileName);
        return new EnvironmentCatalog(order, settings);
    }

    private static List<string> ReadOrder(YamlMappingNode root, string fileName)
    {
        if (Child(root, "promotion") is not YamlMappingNode promotion || Child(promotion, "order") is not YamlSequenceNode sequence)
            throw new YamlEditException(fileName, (int)root.Start.Line,
                "'promotion.order' is missing; list the environments in promotion order, e.g. order: [dev, staging, prod].");
        var order = new List<string>();
        foreach (var item in sequence)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } name })
                throw new YamlEditException(fileName, (int)item.Start.Line, "'promotion.order' entries must be environment names.");
            if (order.Contains(name))
                throw new YamlEditException(fileName, (int)item.Start.Line, $"'{name}' appears twice in 'promotion.order'.");
            order.Add(name);
        }
        if (order.Count == 0)
            throw new YamlEditException(fileName, (int)sequence.Start.Line, "'promotion.order' is empty.");
        return order;
    }

    private static List<EnvironmentSettings> ReadEnvironments(YamlMappingNode root, string fileName)
    {
        var result = new List<EnvironmentSettings>();
        if (Child(root, "environments") is not YamlMappingNode environments) return result;
        foreach (var (key, value) in environments.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            var immutable = false;
            if (value is YamlMappingNode settings && Child(settings, "immutableTags") is YamlScalarNode flag)
            {
                immutable = flag.Value switch
                {
                    "true" or "True" or "TRUE" => true,
                    "false" or "False" or "FALSE" => false,
                    _ => throw new YamlEditException(fileName, (int)flag.Start.Line,
                        $"'environments.{name}.immutableTags' must be true or false, not '{flag.Value}'."),
                };
            }
            result.Add(new EnvironmentSettings(name, immutable));
        }
        return result;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
}
