using System.Text.Json.Nodes;
using GitOps.Build.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Manifests;

/// <summary>A YAML file that does not parse; names the file, line and column.</summary>
public sealed class ManifestParseException(string file, int line, int column, string problem)
    : Exception($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    /// <summary>What is wrong and the fix, without the location.</summary>
    public string Problem { get; } = problem;
}

/// <summary>
/// Reads multi-document YAML (manifests in the repository, helm output) into
/// <see cref="ManifestObject"/>s with line numbers, within <see cref="YamlLimits"/>. Empty documents and non-mapping documents are
/// skipped, as kubectl and Argo CD skip them; a <c>List</c> is expanded into its items.
/// </summary>
public static class ManifestReader
{
    private const string SourceMarker = "# Source: ";

    public static IReadOnlyList<ManifestObject> ReadFile(string path) => Read(ReadText(path), path);

    /// <summary>A YAML file's text, refused (YAML-PARSE) over <see cref="YamlLimits.MaxFileBytes"/>.</summary>
    public static string ReadText(string path)
    {
        try { return YamlLimits.ReadFile(path); }
        catch (YamlLimitException e) { throw Over(e); }
    }

    /// <summary>YamlDotNet's representation model of <paramref name="yaml"/>, within <see cref="YamlLimits"/> (over one: YAML-PARSE).</summary>
    /// <exception cref="YamlException">Not valid YAML.</exception>
    /// <param name="duplicates">Null: a key twice in a mapping is refused; otherwise the last is kept and each left out added here (<see cref="YamlLimits.Load"/>).</param>
    public static YamlStream Load(string yaml, string file, ICollection<DuplicateKey>? duplicates = null)
    {
        try { return YamlLimits.Load(yaml, file, duplicates); }
        catch (YamlLimitException e) { throw Over(e); }
    }

    private static ManifestParseException Over(YamlLimitException e) => new(e.File, e.Line, e.Column, e.Problem);

    /// <param name="duplicates">Null: a key twice in a mapping is refused (ManifestParseException); otherwise the
    /// last is kept, as Kubernetes, helm and Argo CD read it, and each one left out is added here.</param>
    public static IReadOnlyList<ManifestObject> Read(string yaml, string file, ICollection<DuplicateKey>? duplicates = null)
    {
        var sources = SourceComments(yaml);
        YamlStream stream;
        try
        {
            stream = Load(yaml, file, duplicates);
        }
        catch (YamlException e)
        {
            throw new ManifestParseException(file, (int)e.Start.Line, (int)e.Start.Column, e.Message);
        }
        var objects = new List<ManifestObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root) continue;
            var lines = new Dictionary<string, int>();
            if (ToJson(root, "", lines, file) is not JsonObject body) continue;
            var line = (int)root.Start.Line;
            var source = sources.LastOrDefault(s => s.Line < line).Template;
            if (body["kind"]?.ToString() is "List" && body["items"] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject item) continue;
                    var prefix = $"/items/{i}";
                    var itemLines = lines.Where(kv => kv.Key.StartsWith(prefix + "/", StringComparison.Ordinal) || kv.Key == prefix)
                        .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
                    items[i] = null;
                    objects.Add(new ManifestObject(item, file, lines.GetValueOrDefault(prefix, line), itemLines, source));
                }
                continue;
            }
            objects.Add(new ManifestObject(body, file, line, lines, source));
        }
        return objects;
    }

    /// <summary>Converts a YAML node to JSON, recording each field's line under its JSON pointer.</summary>
    public static JsonNode? ToJson(YamlNode node, string pointer, IDictionary<string, int> lines, string file)
    {
        lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode scalar:
                return YamlScalars.ToJson(scalar);
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var child in sequence.Children)
                {
                    array.Add(ToJson(child, JsonPointer.Append(pointer, array.Count), lines, file));
                }
                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode k ? k.Value ?? "" : key.ToString();
                    if (obj.ContainsKey(name))
                    {
                        // The key unquoted: YAML-PARSE redacts quoted text (values), and a key is a name.
                        throw new ManifestParseException(file, (int)key.Start.Line, (int)key.Start.Column, $"duplicate key {name}: a mapping has each key once");
                    }
                    var childPointer = JsonPointer.Append(pointer, name);
                    obj[name] = ToJson(value, childPointer, lines, file);
                    lines[childPointer] = (int)key.Start.Line;
                }
                return obj;
            default:
                return null;
        }
    }

    private static List<(int Line, string Template)> SourceComments(string yaml)
    {
        var found = new List<(int, string)>();
        var lineNumber = 0;
        foreach (var line in yaml.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.StartsWith(SourceMarker)) found.Add((lineNumber, line[SourceMarker.Length..].Trim().ToString()));
        }
        return found;
    }
}
