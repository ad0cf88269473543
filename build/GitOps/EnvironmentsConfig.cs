using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>Policy of one environment, as gitops/environments.yaml declares it.</summary>
public sealed record EnvironmentPolicy(string Name, string? Namespace, bool AutoSync, bool ImmutableTags);

/// <summary>
/// The environments and their promotion order, defined once in the repository
/// (default gitops/environments.yaml) rather than in code.
/// </summary>
public sealed record EnvironmentsConfig(string File, IReadOnlyList<string> PromotionOrder, IReadOnlyList<EnvironmentPolicy> Environments)
{
    public static EnvironmentsConfig Empty { get; } = new("", [], []);

    public EnvironmentPolicy? Find(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    public static EnvironmentsConfig Load(string path)
    {
        if (!System.IO.File.Exists(path)) return Empty with { File = path };
        var doc = ManifestReader.ReadFile(path).FirstOrDefault()
            ?? throw new ManifestParseException(path, 1, 1, "empty file; expected 'promotion:' and 'environments:'");
        var order = doc.At("/promotion/order") is JsonArray a ? a.Select(n => n?.ToString() ?? "").ToList() : [];
        var environments = new List<EnvironmentPolicy>();
        if (doc.At("/environments") is JsonObject envs)
        {
            foreach (var (name, node) in envs)
            {
                var e = node as JsonObject;
                environments.Add(new EnvironmentPolicy(
                    name,
                    e?["namespace"]?.ToString(),
                    e?["autoSync"] is JsonValue s && s.TryGetValue<bool>(out var auto) && auto,
                    e?["immutableTags"] is JsonValue t && t.TryGetValue<bool>(out var immutable) && immutable));
            }
        }
        foreach (var name in order.Where(n => environments.All(e => e.Name != n)))
        {
            throw new ManifestParseException(path, doc.LineOf("/promotion/order"), 1, $"promotion order names '{name}', which is not under environments:");
        }
        return new EnvironmentsConfig(path, order, environments);
    }
}
