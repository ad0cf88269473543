using System.Net;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Apply;

public enum ApplyOutcome { Created, Configured, Unchanged }

public sealed record ApplyResult(ObjectRef Object, ApplyOutcome Outcome);

/// <summary>
/// Server-side apply of manifest objects (PATCH application/apply-patch+yaml, force), generic over kinds
/// through discovery. Whether anything changed is read from resourceVersion: the API server does not
/// write (and so keeps resourceVersion) when an apply changes nothing, which makes re-runs provable no-ops.
/// </summary>
public sealed class ServerSideApply(ClusterClient client, ResourceDiscovery discovery)
{
    /// <summary>(group, kind) of CRDs applied by this instance: their kinds may take a moment to be served.</summary>
    private readonly HashSet<(string Group, string Kind)> _appliedCrds = [];

    public async Task<IReadOnlyList<ApplyResult>> ApplyAsync(
        IEnumerable<ApplicableManifest> documents, string? defaultNamespace, CancellationToken ct, Action<ApplyResult>? onApplied = null)
    {
        var results = new List<ApplyResult>();
        foreach (var doc in documents)
        {
            var result = await ApplyOneAsync(doc, defaultNamespace, ct);
            results.Add(result);
            onApplied?.Invoke(result);
        }
        return results;
    }

    public async Task<ApplyResult> ApplyOneAsync(ApplicableManifest doc, string? defaultNamespace, CancellationToken ct)
    {
        var resource = await ResolveAsync(doc, ct);
        var body = (JsonObject)doc.Body.DeepClone();
        string? ns = null;
        if (resource.Namespaced)
        {
            ns = doc.Ref.Namespace ?? defaultNamespace ?? "default";
            ((JsonObject)body["metadata"]!)["namespace"] = ns;
        }
        else
        {
            ((JsonObject)body["metadata"]!).Remove("namespace");
        }
        var subject = doc.Ref with { Namespace = ns };
        var path = resource.ObjectPath(ns, doc.Ref.Name);

        var before = await client.ReadAsync(path, subject, ct);
        var query = $"?fieldManager={Uri.EscapeDataString(client.Options.FieldManager)}&force=true";
        var r = await client.SendAsync(HttpMethod.Patch, path + query, body.ToJsonString(), ClusterClient.ApplyPatchContentType, ct);
        if (r.Status == HttpStatusCode.NotFound && ns is not null)
            throw new ClusterApiException(r.Status,
                $"Cannot apply {subject} (from {doc.Location}): {r.StatusMessage}. Fix: create namespace '{ns}' first or set metadata.namespace to an existing one.");
        if (!r.IsSuccess) throw ClusterErrors.Permanent(r, "apply", subject, doc.Location, client);

        RememberCrd(doc);
        var rvBefore = before?["metadata"]?["resourceVersion"]?.GetValue<string>();
        var rvAfter = r.Json()["metadata"]?["resourceVersion"]?.GetValue<string>();
        var outcome = before is null ? ApplyOutcome.Created : rvBefore == rvAfter ? ApplyOutcome.Unchanged : ApplyOutcome.Configured;
        return new ApplyResult(subject, outcome);
    }

    private async Task<ApiResource> ResolveAsync(ApplicableManifest doc, CancellationToken ct)
    {
        var (apiVersion, kind, group) = (doc.Ref.ApiVersion, doc.Ref.Kind, doc.Manifest.Group);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (await discovery.FindAsync(apiVersion, kind, ct) is { } found) return found;
            if (!_appliedCrds.Contains((group, kind)))
                throw new ClusterApiException(HttpStatusCode.NotFound,
                    $"Cannot apply {doc.Ref} (from {doc.Location}): the cluster does not serve kind {kind} in {apiVersion}; " +
                    "its CustomResourceDefinition is not installed. Fix: install the CRD first (Bootstrap installs Argo CD's; " +
                    "the sealed-secrets application installs SealedSecret's), or correct apiVersion/kind.");
            // We just applied its CRD: the API server serves the kind once the CRD is established.
            discovery.Forget(apiVersion);
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
        }
    }

    private void RememberCrd(ApplicableManifest doc)
    {
        if (doc.Ref.Kind != "CustomResourceDefinition" || doc.Body["spec"] is not JsonObject spec) return;
        var group = spec["group"]?.GetValue<string>() ?? "";
        var kind = spec["names"]?["kind"]?.GetValue<string>() ?? "";
        _appliedCrds.Add((group, kind));
        foreach (var v in spec["versions"]?.AsArray().OfType<JsonObject>() ?? [])
            if (v["name"]?.GetValue<string>() is { } version) discovery.Forget($"{group}/{version}");
    }
}
