using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Config;

/// <summary>
/// Policy of one environment, as the repository declares it (or as inferred from names,
/// see GitOps.EnvironmentInference). <paramref name="AutoSync"/>: true requires automated
/// sync with prune and self-heal, false requires none of them, null says nothing.
/// </summary>
public sealed record EnvironmentPolicy(string Name, string? Namespace, bool? AutoSync, bool ImmutableTags)
{
    /// <summary>
    /// cluster: the destination cluster this environment deploys to, as an Application names it
    /// (destination.server or destination.name); with the clusters: list of gitops-build.yaml, the
    /// other name of the same cluster too. Empty: any cluster.
    /// </summary>
    public IReadOnlyList<string> Clusters { get; init; } = [];

    /// <summary>
    /// How closely an Application's destination matches what this environment declares: 0 when it
    /// declares neither namespace nor cluster or one of them differs, else the number of them matched.
    /// </summary>
    public int DestinationMatch(string effectiveNamespace, string? server, string? clusterName)
    {
        if (Namespace is null && Clusters.Count == 0) return 0;
        if (Namespace is not null && Namespace != effectiveNamespace) return 0;
        if (Clusters.Count > 0 && !Clusters.Any(c => c == server || c == clusterName)) return 0;
        return (Namespace is null ? 0 : 1) + (Clusters.Count == 0 ? 0 : 1);
    }

    /// <summary>
    /// Read from the names Applications use, not declared (<c>EnvironmentInference</c>): its
    /// environment rules (manual sync, immutable tags, anti-affinity) are warnings, since nobody
    /// chose them; declaring the environment in gitops-build.yaml makes them errors.
    /// </summary>
    public bool Inferred { get; init; }

    /// <summary>What a finding of an environment rule adds when the environment was only inferred.</summary>
    public string InferredNote => Inferred
        ? $" ({Name} was inferred from names, so this is a warning; declare it under environments: in gitops-build.yaml to make it an error)"
        : "";

    /// <summary>The policy profile of this environment (seed, baseline); null: the repository's default.</summary>
    public string? Profile { get; init; }

    /// <summary>require.replicas: every Deployment and StatefulSet runs at least this many; null: no minimum.</summary>
    public int? MinReplicas { get; init; }

    /// <summary>require.podDisruptionBudget: true makes POL-PDB an error here, false turns it off; null: the profile's.</summary>
    public bool? RequireDisruptionBudget { get; init; }

    /// <summary>require.antiAffinity: true checks pod anti-affinity here, false never; null: where tags are immutable (prod).</summary>
    public bool? RequireAntiAffinity { get; init; }

    /// <summary>Whether POL-ANTI-AFFINITY applies to this environment.</summary>
    public bool ChecksAntiAffinity => RequireAntiAffinity ?? ImmutableTags;
}

/// <summary>
/// The environments and their promotion order, defined once in the repository rather than in code:
/// the <c>promotion:</c> and <c>environments:</c> sections of gitops-build.yaml, or of the file
/// --environments names (default gitops/environments.yaml) in a repository without them:
/// <code>
/// promotion:
///   order: [dev, staging, prod]
/// environments:
///   prod: {namespace: app-prod, cluster: https://prod.example.com, autoSync: false, immutableTags: true}
/// </code>
/// This is the only reader of those sections; Validate and Promote both use it. Unknown keys are
/// ignored so the file can grow without breaking either.
/// </summary>
public sealed record EnvironmentsConfig(string File, IReadOnlyList<string> PromotionOrder, IReadOnlyList<EnvironmentPolicy> Environments)
{
    private const string OrderPointer = "/promotion/order";

    /// <summary>No file: no environments and no order (Promote refuses to run on this).</summary>
    public static EnvironmentsConfig Empty { get; } = new("", [], []);

    /// <summary>True when no file declared these: they were read from the Applications' names.</summary>
    public bool Inferred { get; init; }

    public EnvironmentPolicy? Find(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The environment whose declared namespace and cluster an Application's destination is in: the
    /// closest match (namespace and cluster over one of them); among equally close ones the one
    /// <paramref name="label"/> names, else the first declared. Null when none declares it.
    /// </summary>
    public EnvironmentPolicy? ByDestination(string effectiveNamespace, string? server, string? clusterName, string? label)
    {
        var matches = Environments.Select(e => (Env: e, Match: e.DestinationMatch(effectiveNamespace, server, clusterName))).Where(m => m.Match > 0).ToList();
        if (matches.Count == 0) return null;
        var best = matches.Where(m => m.Match == matches.Max(x => x.Match)).Select(m => m.Env).ToList();
        return best.FirstOrDefault(e => string.Equals(e.Name, label, StringComparison.OrdinalIgnoreCase)) ?? best[0];
    }

    /// <summary>
    /// These environments with each declared cluster known by both its names (the clusters: list of
    /// gitops-build.yaml pairs a cluster's name with its server URL), so an Application naming its
    /// destination either way is placed alike.
    /// </summary>
    public EnvironmentsConfig WithClusterNames(IEnumerable<(string Name, string Server)> clusters)
    {
        var known = clusters.ToList();
        return this with
        {
            Environments = Environments.Select(e => e with
            {
                Clusters = e.Clusters.Concat(known.Where(k => e.Clusters.Contains(k.Name) || e.Clusters.Contains(k.Server)).SelectMany(k => new[] { k.Name, k.Server }))
                    .Distinct(StringComparer.Ordinal).ToList(),
            }).ToList(),
        };
    }

    /// <summary>Reads the file; a missing file is <see cref="Empty"/> (with its path), since a repository may have no environments.</summary>
    /// <exception cref="ManifestParseException">The file exists but is not valid; names file, line and the fix.</exception>
    public static EnvironmentsConfig Load(string path) =>
        System.IO.File.Exists(path) ? Parse(ManifestReader.ReadText(path), path) : Empty with { File = path };

    /// <summary>Parses the text of an environments file; <paramref name="file"/> is the name errors show.</summary>
    /// <exception cref="ManifestParseException">Invalid YAML, or a missing, empty or inconsistent promotion order, or a non-boolean flag.</exception>
    public static EnvironmentsConfig Parse(string yaml, string file)
    {
        var doc = ManifestReader.Read(yaml, file).FirstOrDefault()
            ?? throw new ManifestParseException(file, 1, 1,
                "expected a mapping with 'promotion:' and 'environments:', e.g. promotion: {order: [dev, staging, prod]}");
        return From(doc);
    }

    /// <summary>
    /// The environments and promotion order of a parsed document: an environments file, or the
    /// <c>environments:</c> and <c>promotion:</c> sections of the repository configuration
    /// (gitops-build.yaml), which may leave the order out (Promote then refuses to run).
    /// </summary>
    public static EnvironmentsConfig From(ManifestObject doc, bool orderRequired = true)
    {
        var environments = ReadEnvironments(doc);
        // The configuration's promotion: may hold only holds: or images:; the environments file must give an order.
        var order = orderRequired || doc.At(OrderPointer) != null || doc.At("/promotion") is { } p && p is not JsonObject ? ReadOrder(doc, environments) : [];
        return new EnvironmentsConfig(doc.File, order, environments);
    }

    private static List<string> ReadOrder(ManifestObject doc, List<EnvironmentPolicy> environments)
    {
        if (doc.At("/promotion") is { } promotion && promotion is not JsonObject)
            throw Problem(doc, "/promotion", "'promotion' must be a mapping with 'order:', e.g. promotion: {order: [dev, staging, prod]}");
        if (doc.At(OrderPointer) is not JsonArray items)
            throw Problem(doc, OrderPointer, doc.At(OrderPointer) is null
                ? "'promotion.order' is missing; list the environments in promotion order, e.g. order: [dev, staging, prod]"
                : "'promotion.order' must be a list of environment names, e.g. order: [dev, staging, prod]");
        if (items.Count == 0)
            throw Problem(doc, OrderPointer, "'promotion.order' is empty; list the environments in promotion order, e.g. order: [dev, staging, prod]");

        var order = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var pointer = $"{OrderPointer}/{i}";
            if (items[i] is not JsonValue value || value.ToString() is not { Length: > 0 } name)
                throw Problem(doc, pointer, "'promotion.order' entries must be environment names");
            if (order.Contains(name))
                throw Problem(doc, pointer, $"'{name}' appears twice in 'promotion.order'; an environment has one place in the order");
            if (environments.All(e => e.Name != name))
                throw Problem(doc, pointer, $"promotion order names '{name}', which is not under environments:; add it there or fix the name");
            order.Add(name);
        }
        return order;
    }

    private static List<EnvironmentPolicy> ReadEnvironments(ManifestObject doc)
    {
        var environments = new List<EnvironmentPolicy>();
        switch (doc.At("/environments"))
        {
            case null:
                return environments;
            case JsonObject entries:
                foreach (var (name, node) in entries)
                {
                    var e = node as JsonObject;
                    var require = e?["require"] as JsonObject;
                    environments.Add(new EnvironmentPolicy(
                        name,
                        e?["namespace"]?.ToString(),
                        Flag(doc, e, name, "autoSync"),
                        Flag(doc, e, name, "immutableTags"))
                    {
                        Clusters = e?["cluster"]?.ToString() is { Length: > 0 } cluster ? [cluster] : [],
                        Profile = e?["profile"]?.ToString(),
                        MinReplicas = require?["replicas"] is JsonValue r && r.TryGetValue<long>(out var replicas) ? (int)replicas : null,
                        RequireDisruptionBudget = OptionalFlag(require, "podDisruptionBudget"),
                        RequireAntiAffinity = OptionalFlag(require, "antiAffinity"),
                    });
                }
                return environments;
            default:
                throw Problem(doc, "/environments", "'environments' must be a mapping from environment name to its policy, e.g. environments: {dev: {autoSync: true}}");
        }
    }

    /// <summary>An absent (or empty) flag is false; anything but an unquoted true/false is an error rather than a silent false.</summary>
    private static bool Flag(ManifestObject doc, JsonObject? environment, string name, string key) =>
        environment?[key] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
            var other => throw Problem(doc, JsonPointer.Append(JsonPointer.Append("/environments", name), key),
                $"'environments.{name}.{key}' must be true or false (unquoted), not {other.ToJsonString()}"),
        };

    /// <summary>A flag under require: (the repository configuration's schema has checked its type).</summary>
    private static bool? OptionalFlag(JsonObject? parent, string key) =>
        parent?[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValueKind() == JsonValueKind.True : null;

    private static ManifestParseException Problem(ManifestObject doc, string pointer, string problem) =>
        new(doc.File, doc.LineOf(pointer), 1, problem);
}
