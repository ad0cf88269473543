using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Manifests;
using Json.Schema;

namespace GitOps.Build.Tests.Config;

/// <summary>
/// docs/configuration.md and the schema gitops-build.yaml is checked against say the same: the example
/// file in the doc is valid under the schema, every key the schema allows is in that example, and each
/// top-level key has its row in the table, so a key added to one without the other fails here.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(TestTools.RepoRoot, "docs", "configuration.md")).ReplaceLineEndings("\n");
    private static readonly JsonNode SchemaNode = JsonNode.Parse(File.ReadAllText(Path.Combine(TestTools.RepoRoot, "build", "Config", "repository-config.schema.json")))!;

    /// <summary>The first ```yaml block of the doc: the example gitops-build.yaml.</summary>
    private static ManifestObject Example() =>
        Assert.Single(ManifestReader.Read(YamlBlock().Match(Doc).Groups[1].Value, "docs/configuration.md"));

    [Fact]
    public void The_example_in_the_doc_is_valid_under_the_schema()
    {
        var schema = JsonSchema.FromText(SchemaNode.ToJsonString());
        using var example = JsonDocument.Parse(Example().Body.ToJsonString());
        var result = schema.Evaluate(example.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Fact]
    public void Every_key_of_the_schema_is_in_the_example_and_each_section_in_the_table()
    {
        var example = Example().Body;
        var missing = new List<string>();
        foreach (var path in Keys(SchemaNode, []))
        {
            if (!Present(example, path)) missing.Add($"{string.Join('.', path)}: not in the example gitops-build.yaml");
            if (path.Count == 1 && !Doc.Contains($"\n| `{path[0]}", StringComparison.Ordinal) && !Doc.Contains($", `{path[0]}` |", StringComparison.Ordinal))
                missing.Add($"{path[0]}: no row of \"What each part does\" names it");
        }
        Assert.True(missing.Count == 0, "docs/configuration.md does not cover the schema:\n" + string.Join("\n", missing));
    }

    /// <summary>Every property path the schema declares; "*" stands for any key of a map and any item of a list.</summary>
    private static IEnumerable<IReadOnlyList<string>> Keys(JsonNode? schema, IReadOnlyList<string> at)
    {
        if (schema is not JsonObject node) yield break;
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (name, sub) in properties)
            {
                IReadOnlyList<string> path = [.. at, name];
                yield return path;
                foreach (var deeper in Keys(sub, path)) yield return deeper;
            }
        }
        foreach (var key in new[] { "additionalProperties", "items" })
            foreach (var deeper in Keys(node[key], [.. at, "*"])) yield return deeper;
    }

    private static bool Present(JsonNode? node, IReadOnlyList<string> path)
    {
        if (path.Count == 0) return true;
        return path[0] == "*"
            ? node switch
            {
                JsonObject map => map.Any(kv => Present(kv.Value, path.Skip(1).ToList())),
                JsonArray list => list.Any(item => Present(item, path.Skip(1).ToList())),
                _ => false,
            }
            : node is JsonObject obj && obj.TryGetPropertyValue(path[0], out var value) && Present(value, path.Skip(1).ToList());
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
