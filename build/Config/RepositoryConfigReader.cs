using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;
using Json.Schema;

namespace GitOps.Build.Config;

/// <summary>
/// Reads gitops-build.yaml: checked against repository-config.schema.json (embedded; every key,
/// type and allowed value), then for what a schema cannot say (rule ids that exist, paths inside
/// the repository, a promotion order over declared environments). Any problem is a
/// <see cref="ManifestParseException"/> naming the file, the line and the fix: a configuration
/// that is not understood stops the run rather than being half applied.
/// </summary>
public static class RepositoryConfigReader
{
    private const string SchemaResource = "GitOps.Build.Config.repository-config.schema.json";
    private static readonly Lazy<(JsonSchema Schema, JsonNode Node)> Schema = new(LoadSchema);

    /// <summary>The configuration of the repository at <paramref name="root"/>; <see cref="RepositoryConfig.None"/> when it has no file.</summary>
    public static RepositoryConfig Load(string root)
    {
        var file = Path.Combine(root, RepositoryConfig.FileName);
        if (!File.Exists(file)) return RepositoryConfig.None;
        if (!IO.RepoPath.IsInside(root, file))
            throw new ManifestParseException(file, 1, 1, $"{RepositoryConfig.FileName} is a symlink that points outside the repository ({IO.RepoPath.RealPath(file)}); it is not read: commit the file itself");
        return Parse(ManifestReader.ReadText(file), file, root);
    }

    /// <summary>Parses the text of a configuration file; <paramref name="file"/> is the name errors show, <paramref name="root"/> what paths are relative to.</summary>
    public static RepositoryConfig Parse(string yaml, string file, string root)
    {
        var doc = ManifestReader.Read(yaml, file).FirstOrDefault();
        if (doc == null)
        {
            // An empty file (or only comments) configures nothing; anything else must be a mapping.
            if (string.IsNullOrWhiteSpace(string.Join("", yaml.Split('\n').Where(l => !l.TrimStart().StartsWith('#')))))
                return RepositoryConfig.None with { File = file };
            throw new ManifestParseException(file, 1, 1, "expected a mapping of settings (roots:, environments:, rules:, ...); see docs/configuration.md");
        }
        CheckSchema(doc);

        var clusters = Clusters(doc);
        var environments = doc.At("/environments") != null || doc.At("/promotion/order") != null
            ? EnvironmentsConfig.From(doc, orderRequired: false).WithClusterNames(clusters.Select(c => (c.Name, c.Server)))
            : null;
        return new RepositoryConfig
        {
            File = file,
            Roots = Strings(doc, "/roots").Select(r => ExistingPath(doc, root, r.Pointer, r.Value)).ToList(),
            ArgoCdNamespaces = doc.At("/argocd/namespaces") != null ? Strings(doc, "/argocd/namespaces").Select(s => s.Value).ToList() : null,
            ArgoCdVersion = doc.Text("/argocd/version"),
            KustomizeLoadRestrictor = doc.Text("/argocd/kustomize/loadRestrictor"),
            AllowedHosts = doc.At("/network/allowedHosts") != null ? Strings(doc, "/network/allowedHosts").Select(s => s.Value).ToList() : [],
            Profile = PolicyProfile.Find(doc.Text("/profile")) ?? PolicyProfile.Baseline,
            Environments = environments,
            Adjustments = new FindingAdjustments(RuleSeverities(doc), Exclusions(doc, root)),
            DefaultCertificate = doc.Text("/sealing/certificate") is { } cert ? InsidePath(doc, root, "/sealing/certificate", cert) : null,
            ClusterCertificates = doc.At("/sealing/clusters") is JsonObject certs
                ? certs.ToDictionary(kv => kv.Key, kv => InsidePath(doc, root, "/sealing/clusters/" + JsonPointer.Escape(kv.Key), kv.Value!.ToString()))
                : new Dictionary<string, string>(),
            Clusters = clusters,
            PromotionHolds = doc.Text("/promotion/holds") is { } holds ? InsidePath(doc, root, "/promotion/holds", holds) : null,
            PromotionImages = doc.At("/promotion/images") is JsonObject images
                ? images.ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            // The schema has checked it is a whole number from 1 to 1,000,000.
            MaxApplicationsPerSet = doc.At("/applicationSets/maxApplications") is JsonValue max && max.TryGetValue<long>(out var limit)
                ? (int)limit : RepositoryConfig.DefaultMaxApplicationsPerSet,
        };
    }

    private static void CheckSchema(ManifestObject doc)
    {
        var (schema, node) = Schema.Value;
        using var document = JsonDocument.Parse(doc.Body.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return;
        var failure = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .OrderByDescending(d => d.InstanceLocation.ToString().Length) // the deepest is the most precise,
            .ThenByDescending(d => d.EvaluationPath.ToString().Length)   // and within it the innermost keyword
            .First();
        var pointer = failure.InstanceLocation.ToString();
        var keyword = failure.Errors!.Keys.First();
        // A key no "properties" names fails the subschema "false" under additionalProperties.
        if (failure.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal)) keyword = "additionalProperties";
        throw Problem(doc, pointer, Explain(doc, node, pointer, keyword, failure.Errors[failure.Errors!.Keys.First()]));
    }

    /// <summary>What is wrong at a pointer, in the words of the file: unknown keys with the known ones, allowed values.</summary>
    private static string Explain(ManifestObject doc, JsonNode schema, string pointer, string keyword, string message)
    {
        var where = pointer.Length == 0 ? "the file" : $"'{Dotted(pointer)}'";
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(JsonPointer.Unescape).ToList();
        switch (keyword)
        {
            case "additionalProperties" when ValueSchema(schema, segments) is { } valueSchema:
                // A map whose values must have a shape (rules: id to severity): the value is what is wrong.
                return valueSchema["enum"] is JsonArray choices
                    ? $"{where} is {doc.At(pointer)?.ToJsonString()}; allowed: {string.Join(", ", choices.Select(v => v!.ToString()))}"
                    : $"{where}: {message}";
            case "additionalProperties":
                var known = SchemaAt(schema, segments.Take(segments.Count - 1))?["properties"] is JsonObject props ? props.Select(p => p.Key).ToList() : [];
                var key = segments.LastOrDefault() ?? "";
                if (known.Count == 0) return $"{where} is not allowed here";
                var close = EditDistance.Closest(key, known);
                return $"unknown key '{key}'{(segments.Count > 1 ? $" under '{Dotted(pointer[..pointer.LastIndexOf('/')])}'" : "")}" +
                       (close != null ? $"; did you mean '{close}'?" : "") + $" Known keys: {string.Join(", ", known)}";
            case "enum":
                var allowed = SchemaAt(schema, segments)?["enum"] is JsonArray values ? string.Join(", ", values.Select(v => v!.ToString())) : "";
                return $"{where} is {doc.At(pointer)?.ToJsonString()}; allowed: {allowed}";
            case "required":
                return $"{where}: {message}";
            case "propertyNames":
                return $"{where}: rule ids are upper-case, as docs/checks.md lists them (e.g. POL-RUN-AS-USER)";
            default:
                var description = SchemaAt(schema, segments)?["description"]?.ToString();
                return $"{where}: {message}" + (description != null ? $" ({description})" : "");
        }
    }

    /// <summary>The schema of a map's values (rules:, clusters' labels), when the map has one rather than a fixed set of keys.</summary>
    private static JsonObject? ValueSchema(JsonNode schema, List<string> segments) =>
        SchemaAt(schema, segments.Take(segments.Count - 1)) is JsonObject parent && parent["additionalProperties"] is JsonObject values ? values : null;

    /// <summary>The schema that describes the value at a path of the instance.</summary>
    private static JsonNode? SchemaAt(JsonNode schema, IEnumerable<string> segments)
    {
        JsonNode? node = schema;
        foreach (var segment in segments)
        {
            if (node == null) return null;
            node = node["properties"]?[segment]
                   ?? (int.TryParse(segment, out _) ? node["items"] : null)
                   ?? node["additionalProperties"] as JsonObject;
        }
        return node;
    }

    private static Dictionary<string, Severity?> RuleSeverities(ManifestObject doc)
    {
        var result = new Dictionary<string, Severity?>(StringComparer.Ordinal);
        if (doc.At("/rules") is not JsonObject rules) return result;
        foreach (var (id, value) in rules)
        {
            var pointer = "/rules/" + JsonPointer.Escape(id);
            var rule = Rules.Find(id);
            if (rule == null || rule.Id != id)
            {
                var close = EditDistance.Closest(id, Rules.All.Select(r => r.Id));
                throw Problem(doc, pointer, $"'rules.{id}' names no rule{(close != null ? $"; did you mean {close}?" : "")} (docs/checks.md lists them)");
            }
            result[id] = value!.ToString() switch
            {
                "off" => null,
                "info" => Severity.Info,
                "warning" => Severity.Warning,
                _ => Severity.Error,
            };
        }
        return result;
    }

    private static List<PathExclusion> Exclusions(ManifestObject doc, string root)
    {
        var result = new List<PathExclusion>();
        if (doc.At("/exclude") is not JsonArray items) return result;
        for (var i = 0; i < items.Count; i++)
        {
            var pointer = $"/exclude/{i}/path";
            var path = doc.Text(pointer)!.Replace('\\', '/');
            while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
            if (Path.IsPathRooted(path) || path.Split('/').Contains(".."))
                throw Problem(doc, pointer, $"'exclude[{i}].path' must be a path inside the repository, relative to its root (e.g. charts/vendor/)");
            result.Add(new PathExclusion(path, doc.Text($"/exclude/{i}/reason")!.Trim(), doc.LineOf(pointer)));
        }
        return result;
    }

    private static List<ClusterInfo> Clusters(ManifestObject doc)
    {
        var clusters = new List<ClusterInfo> { ClusterInfo.InCluster };
        if (doc.At("/clusters") is not JsonArray items) return clusters;
        for (var i = 0; i < items.Count; i++)
        {
            var item = (JsonObject)items[i]!;
            var name = item["name"]!.ToString();
            if (clusters.Any(c => c.Name == name))
                throw Problem(doc, $"/clusters/{i}/name", $"cluster '{name}' is listed twice (the in-cluster one is always there)");
            clusters.Add(new ClusterInfo(name, item["server"]!.ToString(), item["project"]?.ToString() ?? "", Map(item["labels"]), Map(item["annotations"])));
        }
        return clusters;
    }

    private static Dictionary<string, string>? Map(JsonNode? node) =>
        node is JsonObject map ? map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") : null;

    private static IEnumerable<(string Pointer, string Value)> Strings(ManifestObject doc, string pointer) =>
        doc.At(pointer) is JsonArray items ? items.Select((v, i) => ($"{pointer}/{i}", v!.ToString())) : [];

    /// <summary>A path the file names, inside the repository (symlinks included), absolute.</summary>
    private static string InsidePath(ManifestObject doc, string root, string pointer, string path)
    {
        return IO.RepoPath.ResolveInside(root, root, path)
            ?? throw Problem(doc, pointer, $"'{Dotted(pointer)}' is {path}, outside the repository; give a path relative to the repository root");
    }

    private static string ExistingPath(ManifestObject doc, string root, string pointer, string path)
    {
        var full = InsidePath(doc, root, pointer, path);
        return File.Exists(full) || Directory.Exists(full) ? full
            : throw Problem(doc, pointer, $"'{Dotted(pointer)}' is {path}, which does not exist; give a root Application file or a folder of them, relative to the repository root");
    }

    private static string Dotted(string pointer) =>
        string.Join("", pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(JsonPointer.Unescape)
            .Select((s, i) => int.TryParse(s, out _) ? $"[{s}]" : i == 0 ? s : "." + s));

    private static ManifestParseException Problem(ManifestObject doc, string pointer, string problem) =>
        new(doc.File, doc.LineOf(pointer), 1, problem);

    private static (JsonSchema, JsonNode) LoadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"embedded resource {SchemaResource} is missing");
        var text = new StreamReader(stream).ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    }
}
