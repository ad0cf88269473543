using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// /api/v1/namespaces/{ns}/services/{name}:{port}/proxy/{path}: only the Sealed Secrets controller's API is
/// behind it. Like the real proxy: 404 when the Service or port does not exist, 503 when no pod is ready.
/// </summary>
internal sealed class ServiceProxy(KubeApiEmulator emulator)
{
    public async Task HandleAsync(HttpContext ctx, string ns, string nameAndPort, string path)
    {
        var parts = nameAndPort.Split(':');
        var name = parts.Length == 3 ? parts[1] : parts[0]; // scheme:name:port or name:port
        var port = parts.Length == 3 ? parts[2] : parts.Length == 2 ? parts[1] : null;
        var service = emulator.Store.Get(ResourceCatalog.Services, ns, name);
        if (service is null) { await KubeStatus.NotFound(ctx, $"services \"{name}\" not found"); return; }
        var ports = service["spec"]?["ports"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (port is not null && !ports.Any(p => p["name"]?.GetValue<string>() == port || p["port"]?.ToString() == port))
        {
            await KubeStatus.NotFound(ctx, $"no service port \"{port}\" found for service \"{name}\"");
            return;
        }

        var controller = emulator.SealedSecrets;
        if (ns != controller.Namespace || name != controller.Name || !controller.Running || !HasReadyPod(ns, service))
        {
            await KubeStatus.WriteAsync(ctx, 503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
            return;
        }

        if (path == "v1/cert.pem" && HttpMethods.IsGet(ctx.Request.Method))
        {
            ctx.Response.ContentType = "application/x-pem-file";
            await ctx.Response.WriteAsync(controller.ServedCertificatePem!);
            return;
        }
        if (path == "v1/verify" && HttpMethods.IsPost(ctx.Request.Method))
        {
            var text = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            JsonObject? body = null;
            try { body = JsonNode.Parse(text) as JsonObject; } catch (System.Text.Json.JsonException) { }
            if (body is null) { ctx.Response.StatusCode = 400; await ctx.Response.WriteAsync("bad request: not a SealedSecret"); return; }
            var ok = controller.Verify(body);
            ctx.Response.StatusCode = ok ? 200 : 409;
            await ctx.Response.WriteAsync(ok ? "OK" : "cannot decrypt sealed secret");
            return;
        }
        ctx.Response.StatusCode = 404;
        await ctx.Response.WriteAsync("404 page not found");
    }

    private bool HasReadyPod(string ns, JsonObject service)
    {
        var selector = service["spec"]?["selector"] as JsonObject;
        var text = selector is null ? null : string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}"));
        return emulator.Store.List(ResourceCatalog.Pods, ns, LabelSelector.Parse(text)).Any(WorkloadSimulator.IsReady);
    }
}
