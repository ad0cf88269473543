using System.Text;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using Microsoft.AspNetCore.Http;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// Serves the Kubernetes REST paths: /version, discovery, and for every known kind GET (object, list with
/// labelSelector, watch), PATCH (server-side apply only) and DELETE; the service proxy goes to
/// <see cref="ServiceProxy"/>. Paths of unknown kinds answer 404 like a real server without the CRD.
/// </summary>
internal sealed class ApiHandler(KubeApiEmulator emulator)
{
    private ObjectStore Store => emulator.Store;
    private ResourceCatalog Catalog => emulator.Catalog;

    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var seg = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (path == "/version") { await KubeStatus.JsonAsync(ctx, new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0-emulator" }); return; }
        if (seg.Length == 1 && seg[0] == "api") { await KubeStatus.JsonAsync(ctx, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") }); return; }
        if (seg.Length == 1 && seg[0] == "apis") { await KubeStatus.JsonAsync(ctx, Groups()); return; }

        string gv;
        string[] rest;
        if (seg.Length >= 2 && seg[0] == "api" && seg[1] == "v1") { gv = "v1"; rest = seg[2..]; }
        else if (seg.Length >= 3 && seg[0] == "apis") { gv = $"{seg[1]}/{seg[2]}"; rest = seg[3..]; }
        else { await KubeStatus.NotFound(ctx, "the server could not find the requested resource"); return; }

        if (rest.Length == 0)
        {
            var types = Catalog.InGroupVersion(gv);
            if (types.Count == 0) { await KubeStatus.NotFound(ctx, "the server could not find the requested resource"); return; }
            await KubeStatus.JsonAsync(ctx, ResourceList(gv, types));
            return;
        }

        string? ns = null;
        string plural;
        string? name = null;
        string[] sub = [];
        if (rest[0] == "namespaces" && rest.Length >= 3) { ns = rest[1]; plural = rest[2]; name = rest.Length > 3 ? rest[3] : null; sub = rest.Length > 4 ? rest[4..] : []; }
        else { plural = rest[0]; name = rest.Length > 1 ? rest[1] : null; sub = rest.Length > 2 ? rest[2..] : []; }

        var type = Catalog.Find(gv, plural);
        if (type is null) { await KubeStatus.NotFound(ctx, "the server could not find the requested resource"); return; }
        if (type.Namespaced != (ns is not null) && name is not null)
        {
            await KubeStatus.NotFound(ctx, "the server could not find the requested resource");
            return;
        }

        if (type.Plural == "services" && sub.Length > 0 && sub[0] == "proxy" && name is not null)
        {
            await emulator.Proxy.HandleAsync(ctx, ns!, name, string.Join('/', sub[1..]));
            return;
        }

        var method = ctx.Request.Method;
        if (name is null && HttpMethods.IsGet(method))
        {
            if (ctx.Request.Query["watch"] is var w && (w == "true" || w == "1")) await WatchAsync(ctx, type, ns);
            else await ListAsync(ctx, type, ns);
            return;
        }
        if (name is null) { await KubeStatus.WriteAsync(ctx, 405, "MethodNotAllowed", $"{method} on a collection is not emulated"); return; }

        if (HttpMethods.IsGet(method))
        {
            var obj = Store.Get(type, ns, name);
            if (obj is null) await KubeStatus.NotFound(ctx, $"{type.Plural}.{type.Group} \"{name}\" not found".Replace(". \"", " \""));
            else await KubeStatus.JsonAsync(ctx, obj);
        }
        else if (HttpMethods.IsPatch(method)) await ApplyAsync(ctx, type, ns, name);
        else if (HttpMethods.IsDelete(method))
        {
            var removed = Store.Delete(type, ns, name);
            if (removed is null) await KubeStatus.NotFound(ctx, $"{type.Plural} \"{name}\" not found");
            else await KubeStatus.JsonAsync(ctx, removed);
        }
        else await KubeStatus.WriteAsync(ctx, 405, "MethodNotAllowed", $"{method} is not emulated");
    }

    private JsonObject Groups()
    {
        var groups = Catalog.All.Where(t => t.Group.Length > 0).GroupBy(t => t.Group)
            .Select(g =>
            {
                var versions = g.Select(t => t.GroupVersion).Distinct().Select(v => (JsonNode)new JsonObject { ["groupVersion"] = v, ["version"] = v[(v.IndexOf('/') + 1)..] }).ToArray();
                return (JsonNode)new JsonObject { ["name"] = g.Key, ["versions"] = new JsonArray(versions), ["preferredVersion"] = versions[0]!.DeepClone() };
            }).ToArray();
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray(groups) };
    }

    private static JsonObject ResourceList(string gv, IEnumerable<ResourceType> types) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = gv,
        ["resources"] = new JsonArray(types.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Plural,
            ["singularName"] = t.Kind.ToLowerInvariant(),
            ["namespaced"] = t.Namespaced,
            ["kind"] = t.Kind,
            ["verbs"] = new JsonArray("get", "list", "watch", "patch", "delete"),
        }).ToArray()),
    };

    private async Task ListAsync(HttpContext ctx, ResourceType type, string? ns)
    {
        var filter = LabelSelector.Parse(ctx.Request.Query["labelSelector"]);
        var rv = Store.ResourceVersion;
        var items = Store.List(type, ns, filter);
        await KubeStatus.JsonAsync(ctx, new JsonObject
        {
            ["kind"] = type.Kind + "List",
            ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        });
    }

    private async Task WatchAsync(HttpContext ctx, ResourceType type, string? ns)
    {
        var rvText = ctx.Request.Query["resourceVersion"].ToString();
        long? from = long.TryParse(rvText, out var rv) && rv > 0 ? rv : null;
        var filter = LabelSelector.Parse(ctx.Request.Query["labelSelector"]);
        var (backlog, live, stop) = Store.Subscribe(type, ns, from);
        using var _ = stop;
        var drop = emulator.Faults.TakeWatchDrop();
        var sent = 0;
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);
        if (emulator.Faults.TakeWatchStall())
        {
            using var silent = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, emulator.Stopping);
            try { await Task.Delay(Timeout.Infinite, silent.Token); }
            catch (OperationCanceledException) { }
            return;
        }

        async Task<bool> Send(WatchEvent e)
        {
            if (!filter(e.Object)) return true;
            var line = new JsonObject { ["type"] = e.Type, ["object"] = e.Object.DeepClone() }.ToJsonString() + "\n";
            await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            sent++;
            if (drop && sent >= emulator.Faults.WatchDropAfterEvents)
            {
                // Let the client read what was sent (a reset discards unread data), then break mid-stream.
                await Task.Delay(50, ctx.RequestAborted);
                ctx.Abort();
                return false;
            }
            return true;
        }

        try
        {
            foreach (var e in backlog) if (!await Send(e)) return;
            var timeout = int.TryParse(ctx.Request.Query["timeoutSeconds"], out var s) ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(5);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, emulator.Stopping);
            cts.CancelAfter(timeout);
            await foreach (var e in live.ReadAllAsync(cts.Token)) if (!await Send(e)) return;
        }
        catch (OperationCanceledException) { /* client gone, timeout or emulator stopping: end the stream */ }
    }

    private async Task ApplyAsync(HttpContext ctx, ResourceType type, string? ns, string name)
    {
        var contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith(ClusterClient.ApplyPatchContentType, StringComparison.Ordinal))
        {
            await KubeStatus.WriteAsync(ctx, 415, "UnsupportedMediaType", $"the emulator only serves server-side apply, not {contentType}");
            return;
        }
        if (string.IsNullOrEmpty(ctx.Request.Query["fieldManager"]))
        {
            await KubeStatus.BadRequest(ctx, "fieldManager is required for apply requests");
            return;
        }
        var text = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        JsonObject body;
        try
        {
            body = ClusterManifests.Read(text, "request").Single().Body;
        }
        catch (Exception e) when (e is ClusterException or InvalidOperationException)
        {
            await KubeStatus.BadRequest(ctx, "cannot parse the apply body: " + e.Message);
            return;
        }
        if (body["kind"]?.GetValue<string>() != type.Kind || body["apiVersion"]?.GetValue<string>() != type.GroupVersion)
        {
            await KubeStatus.BadRequest(ctx, $"the body's apiVersion/kind does not match {type.GroupVersion} {type.Kind}");
            return;
        }
        if (body["metadata"]?["name"]?.GetValue<string>() != name)
        {
            await KubeStatus.BadRequest(ctx, "the name of the object does not match the name on the URL");
            return;
        }
        if (ns is not null && Store.Get(ResourceCatalog.Namespaces, null, ns) is null)
        {
            await KubeStatus.NotFound(ctx, $"namespaces \"{ns}\" not found");
            return;
        }
        if (emulator.Validate?.Invoke(body) is { } invalid)
        {
            await KubeStatus.WriteAsync(ctx, 422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {invalid}");
            return;
        }

        body.Remove("status"); // status belongs to controllers
        var (stored, _, _) = Store.Upsert(type, ns, name, current =>
        {
            if (current is null) return body;
            Merge(current, body);
            return current;
        });
        await KubeStatus.JsonAsync(ctx, stored);
    }

    /// <summary>Create-or-merge: maps merge key by key, everything else is replaced by the applied value.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject po && target[key] is JsonObject to) Merge(to, po);
            else if (value is null) target.Remove(key);
            else target[key] = value.DeepClone();
        }
    }
}
