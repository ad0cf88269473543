using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using Json.Schema;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// The JSON Schemas of the custom resources this repository deploys (Application, AppProject,
/// SealedSecret), embedded from build/Checks/Schemas (origin in its README), evaluated with
/// JsonSchema.Net. Each failure becomes an issue at the failing field's JSON pointer.
/// </summary>
public static class CrdSchemas
{
    private const string ResourcePrefix = "GitOps.Build.Checks.Schemas.";
    private static readonly ConcurrentDictionary<string, JsonSchema?> Cache = new();
    private static readonly Lock Gate = new();

    public static IReadOnlyList<SchemaIssue>? Check(JsonObject body, string group, string kind)
    {
        var schema = SchemaFor(group, kind);
        if (schema == null) return null;
        using var document = JsonDocument.Parse(WithoutNulls(body).ToJsonString());
        EvaluationResults results;
        // One evaluation at a time: the warm-up may still be evaluating on its thread, and
        // JsonSchema.Net does not promise that one schema evaluates safely on two at once.
        lock (Gate) results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var issues = new List<SchemaIssue>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 } errors) continue;
            var pointer = detail.InstanceLocation.ToString();
            var path = detail.EvaluationPath.ToString();
            foreach (var (keyword, message) in errors)
            {
                issues.Add(Issue(pointer, path, keyword, message));
            }
        }
        return issues.DistinctBy(i => (i.Rule.Id, i.Pointer, i.Message)).ToList();
    }

    /// <summary>
    /// The object as the API server validates a custom resource: a field set to null where the
    /// schema does not allow null is pruned before validation (a default, where the schema has one,
    /// fills it), and where it allows null the null is valid; so <c>automated: null</c> is an unset
    /// field, never a value of the wrong type. Items of a list are kept as they are.
    /// </summary>
    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value != null).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)WithoutNulls(kv.Value!)))),
        JsonArray a => new JsonArray(a.Select(item => item == null ? null : WithoutNulls(item)).ToArray()),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// Builds every embedded schema and evaluates it once, so that JsonSchema.Net's one-time set-up
    /// (its meta-schemas, its keyword tables) is paid before the first real object is checked.
    /// </summary>
    /// <returns>The schemas built, as <c>group_Kind</c>.</returns>
    public static IReadOnlyList<string> Preload()
    {
        var loaded = new List<string>();
        foreach (var resource in Assembly.GetExecutingAssembly().GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal)) continue;
            var name = resource[ResourcePrefix.Length..^".json".Length];
            var separator = name.LastIndexOf('_');
            if (separator < 0) continue;
            if (Check(new JsonObject(), name[..separator], name[(separator + 1)..]) != null) loaded.Add(name);
        }
        return loaded;
    }

    private static SchemaIssue Issue(string pointer, string evaluationPath, string keyword, string message)
    {
        var where = pointer.Length == 0 ? "the object" : ModelSchemaWalker.PathText(pointer);
        if (evaluationPath.Contains("/additionalProperties", StringComparison.Ordinal))
        {
            return new SchemaIssue(Rules.UnknownField, pointer, $"unknown field \"{ModelSchemaWalker.PathText(pointer)}\"");
        }
        // Everything else (type, enum, pattern, ...) is a value of the wrong shape.
        return new SchemaIssue(keyword == "required" ? Rules.Required : Rules.WrongType, pointer, $"{where}: {message}");
    }

    private static JsonSchema? SchemaFor(string group, string kind)
    {
        var key = $"{group}_{kind}";
        if (Cache.TryGetValue(key, out var known)) return known;
        lock (Gate) // built once, by one thread (building registers the schema with the library)
        {
            if (Cache.TryGetValue(key, out known)) return known;
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{ResourcePrefix}{key}.json");
            JsonSchema? schema = null;
            if (stream != null)
            {
                using var reader = new StreamReader(stream);
                schema = JsonSchema.FromText(reader.ReadToEnd());
            }
            return Cache[key] = schema;
        }
    }
}
