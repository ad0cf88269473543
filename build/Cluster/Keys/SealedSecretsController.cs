using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Wait;

namespace GitOps.Build.Cluster.Keys;

/// <summary>
/// The Sealed Secrets controller as seen through the API server: its key Secrets, its pods (restart),
/// and its HTTP API through the service proxy (GET /v1/cert.pem, POST /v1/verify).
/// </summary>
public sealed class SealedSecretsController(ClusterClient client, ControllerLocation location)
{
    public ControllerLocation Location => location;

    /// <summary>Every key Secret (label present, any value: active and compromised keys alike).</summary>
    public async Task<IReadOnlyList<JsonObject>> ListKeySecretsAsync(CancellationToken ct)
    {
        var (items, _) = await client.ListAsync(location.SecretsPath, ControllerLocation.KeyLabel, $"key Secrets in namespace {location.Namespace}", ct);
        return items.OrderBy(s => s["metadata"]?["creationTimestamp"]?.GetValue<string>(), StringComparer.Ordinal).ToList();
    }

    /// <summary>The certificate the controller serves (its newest key), as PEM text.</summary>
    public async Task<string> FetchCertificatePemAsync(CancellationToken ct)
    {
        var r = await client.GetAsync(location.ProxyPath("v1/cert.pem"), ct);
        if (!r.IsSuccess)
            throw ClusterErrors.Permanent(r, "fetch the certificate from", null, null, client,
                $"service {location.Namespace}/{location.Service}:{location.Port} (is the controller installed? --controller-namespace/--controller-name)");
        try
        {
            using var cert = X509Certificate2.CreateFromPem(r.Body);
        }
        catch (CryptographicException)
        {
            throw new ClusterException($"Service {location.Namespace}/{location.Service} answered /v1/cert.pem with something that is not a PEM certificate. Fix: check that the service is the Sealed Secrets controller.");
        }
        return r.Body;
    }

    /// <summary>Asks the controller whether it can open a SealedSecret: true (200), false (409 Conflict).</summary>
    public async Task<bool> VerifyAsync(JsonObject sealedSecret, CancellationToken ct)
    {
        var r = await client.SendAsync(HttpMethod.Post, location.ProxyPath("v1/verify"), sealedSecret.ToJsonString(), "application/json", ct);
        if (r.IsSuccess) return true;
        if (r.Status == HttpStatusCode.Conflict) return false;
        var name = sealedSecret["metadata"]?["name"]?.GetValue<string>();
        var ns = sealedSecret["metadata"]?["namespace"]?.GetValue<string>();
        throw ClusterErrors.Permanent(r, "verify", new ObjectRef("bitnami.com/v1alpha1", "SealedSecret", ns, name ?? ""), null, client);
    }

    /// <summary>
    /// Restarts the controller so it reads its keys again (it reads them only at start): deletes its pods,
    /// then waits until a new pod is ready and the Deployment is available again.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        var deployment = new WorkloadRef(WorkloadKind.Deployment, location.Namespace, location.DeploymentName);
        var obj = await client.ReadAsync(deployment.Path, deployment.Ref, ct)
            ?? throw new ClusterException($"{deployment.Ref} does not exist, so the controller cannot be restarted. Fix: install the Sealed Secrets controller (its Argo CD application) or pass its location.");
        var selector = LabelSelectorOf(obj);
        var podsPath = $"/api/v1/namespaces/{Uri.EscapeDataString(location.Namespace)}/pods";
        var (pods, _) = await client.ListAsync(podsPath, selector, $"pods of {deployment.Ref}", ct);
        var old = pods.Select(p => p["metadata"]?["uid"]?.GetValue<string>()).ToHashSet();
        foreach (var pod in pods)
        {
            var name = pod["metadata"]!["name"]!.GetValue<string>();
            await client.DeleteAsync($"{podsPath}/{Uri.EscapeDataString(name)}", new ObjectRef("v1", "Pod", location.Namespace, name), ct);
        }

        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var (now, _) = await client.ListAsync(podsPath, selector, $"pods of {deployment.Ref}", ct);
            var freshReady = now.Any(p => !old.Contains(p["metadata"]?["uid"]?.GetValue<string>()) && IsReady(p));
            if (freshReady && WorkloadReadiness.Evaluate(WorkloadKind.Deployment, await client.ReadAsync(deployment.Path, deployment.Ref, ct)).Ready) return;
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
        }
    }

    private static string LabelSelectorOf(JsonObject deployment)
    {
        var labels = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject;
        if (labels is null || labels.Count == 0)
            throw new ClusterException("The controller Deployment has no spec.selector.matchLabels; cannot find its pods.");
        return string.Join(",", labels.Select(kv => $"{kv.Key}={kv.Value!.GetValue<string>()}"));
    }

    private static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") ?? false;
}
