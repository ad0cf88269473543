using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// Reads YAML: multi-document streams, and dotted paths such as
/// "spec.template.spec.containers[0].image" into a node tree.
/// </summary>
public static class YamlPath
{
    /// <summary>Every non-empty document of a stream, as mappings.</summary>
    public static List<YamlMappingNode> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .ToList();
    }

    public static YamlMappingNode LoadFile(string path) =>
        LoadDocuments(File.ReadAllText(path)).Single();

    /// <summary>The node at the path, or null when any step is missing.</summary>
    public static YamlNode? Find(YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var step in path.Split('.'))
        {
            var key = step;
            int? index = null;
            var bracket = step.IndexOf('[');
            if (bracket >= 0)
            {
                key = step[..bracket];
                index = int.Parse(step[(bracket + 1)..^1]);
            }
            if (key.Length > 0)
            {
                if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out current))
                    return null;
            }
            if (index is int i)
            {
                if (current is not YamlSequenceNode seq || i >= seq.Children.Count) return null;
                current = seq.Children[i];
            }
        }
        return current;
    }

    /// <summary>The node at the path; fails the test naming the path when it is missing.</summary>
    public static YamlNode Get(YamlNode node, string path) =>
        Find(node, path) ?? throw new Xunit.Sdk.XunitException($"'{path}' is missing");

    /// <summary>The scalar at the path, as text.</summary>
    public static string Scalar(YamlNode node, string path) =>
        Get(node, path) is YamlScalarNode { Value: { } value }
            ? value
            : throw new Xunit.Sdk.XunitException($"'{path}' is not a scalar");

    /// <summary>A mapping of scalars (labels, selectors) as a sorted dictionary, for comparisons.</summary>
    public static SortedDictionary<string, string> StringMap(YamlNode node, string path) =>
        Get(node, path) is YamlMappingNode map
            ? new SortedDictionary<string, string>(map.Children.ToDictionary(
                kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? ""), StringComparer.Ordinal)
            : throw new Xunit.Sdk.XunitException($"'{path}' is not a mapping");

    public static string? ScalarOrNull(YamlNode node, string path) =>
        (Find(node, path) as YamlScalarNode)?.Value;
}
