using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>
/// Small reading and writing helpers over YamlDotNet's representation model, used for Kubernetes
/// manifests (Secrets, SealedSecrets, key backups). The model keeps marks, so errors can name lines.
/// </summary>
internal static class YamlNodes
{
    public static IReadOnlyList<YamlDocument> LoadDocuments(string text, string source)
    {
        YamlStream stream;
        try
        {
            stream = Manifests.ManifestReader.Load(text, source);
        }
        catch (YamlException e)
        {
            throw new SealingException($"{source}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        catch (Manifests.ManifestParseException e)
        {
            throw new SealingException(e.Message, e);
        }
        return stream.Documents.ToList();
    }

    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode? ChildMap(this YamlNode? node, string key) => node.Child(key) as YamlMappingNode;

    /// <summary>The scalar text under <paramref name="key"/>; null when missing, explicitly null, or not a scalar.</summary>
    public static string? ChildText(this YamlNode? node, string key) =>
        node.Child(key) is YamlScalarNode { Value: var value } scalar && !IsNull(scalar) ? value : null;

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && Yaml.YamlScalars.IsNullText(scalar.Value);

    /// <summary>Scalar entries of a string map (labels, annotations, data); other entries are skipped.</summary>
    public static IEnumerable<(string Key, YamlScalarNode Value)> ScalarEntries(this YamlMappingNode? map)
    {
        if (map is null) yield break;
        foreach (var (key, value) in map.Children)
            if (key is YamlScalarNode { Value: { } k } && value is YamlScalarNode v)
                yield return (k, v);
    }

    public static Dictionary<string, string> StringMap(this YamlMappingNode? map) =>
        map.ScalarEntries().Where(e => !IsNull(e.Value)).ToDictionary(e => e.Key, e => e.Value.Value ?? "", StringComparer.Ordinal);

    public static int Line(this YamlNode node) => (int)node.Start.Line;

    /// <summary>A scalar that reads back as the same string: quoted when plain would read as bool, null or number.</summary>
    public static YamlScalarNode Text(string value)
    {
        var scalar = new YamlScalarNode(value);
        if (NeedsQuotes(value)) scalar.Style = ScalarStyle.DoubleQuoted;
        return scalar;
    }

    public static YamlMappingNode Map(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries) map.Add(Text(key), Text(value));
        return map;
    }

    /// <summary>Emits one document without the explicit '...' end marker YamlStream.Save adds.</summary>
    public static string Save(YamlNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    // The same rule the values-file editor uses (YAML 1.1 and 1.2 non-string forms), so every
    // writer in the program quotes alike.
    private static bool NeedsQuotes(string value) => value.Length == 0 || Yaml.ScalarWriter.ReadsAsNonString(value);
}
