using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Apply;

/// <summary>Where a kind lives in the API: its collection path and whether it is namespaced.</summary>
public sealed record ApiResource(string GroupVersion, string Kind, string Plural, bool Namespaced)
{
    public string Group => GroupVersion.Contains('/') ? GroupVersion[..GroupVersion.IndexOf('/')] : "";

    public string CollectionPath(string? ns) =>
        (GroupVersion.Contains('/') ? "/apis/" : "/api/") + GroupVersion +
        (Namespaced ? $"/namespaces/{Uri.EscapeDataString(ns ?? "default")}" : "") + "/" + Plural;

    public string ObjectPath(string? ns, string name) => CollectionPath(ns) + "/" + Uri.EscapeDataString(name);
}

/// <summary>
/// Maps apiVersion + kind to a resource through the API's discovery documents (/api/v1, /apis/g/v),
/// cached per group-version. A group-version the server does not serve (404) means its CRD is missing.
/// </summary>
public sealed class ResourceDiscovery(ClusterClient client)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ApiResource>> _cache = new();

    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken ct)
    {
        if (!_cache.TryGetValue(apiVersion, out var resources))
        {
            var path = apiVersion.Contains('/') ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
            var r = await client.GetAsync(path, ct);
            if (r.Status == HttpStatusCode.NotFound) resources = [];
            else if (!r.IsSuccess) throw ClusterErrors.Permanent(r, "discover", null, null, client, $"API group {apiVersion}");
            else resources = Parse(apiVersion, r.Json());
            _cache[apiVersion] = resources;
        }
        return resources.FirstOrDefault(x => x.Kind == kind);
    }

    /// <summary>Forgets a group-version, e.g. after applying the CRD that serves it.</summary>
    public void Forget(string apiVersion) => _cache.TryRemove(apiVersion, out _);

    private static IReadOnlyList<ApiResource> Parse(string apiVersion, JsonObject list) =>
        list["resources"]?.AsArray().OfType<JsonObject>()
            .Select(r => (Name: r["name"]?.GetValue<string>() ?? "", Kind: r["kind"]?.GetValue<string>() ?? "", Ns: r["namespaced"]?.GetValue<bool>() ?? false))
            .Where(r => r.Name.Length > 0 && !r.Name.Contains('/')) // skip subresources such as pods/log
            .Select(r => new ApiResource(apiVersion, r.Kind, r.Name, r.Ns))
            .ToList() ?? [];
}
