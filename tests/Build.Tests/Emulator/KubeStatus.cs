using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GitOps.Build.Tests.Emulator;

/// <summary>Writes Kubernetes Status error bodies (kind: Status) like the API server.</summary>
public static class KubeStatus
{
    public static async Task WriteAsync(HttpContext ctx, int code, string reason, string message)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        await ctx.Response.WriteAsync(body.ToJsonString());
    }

    public static Task NotFound(HttpContext ctx, string message) => WriteAsync(ctx, 404, "NotFound", message);
    public static Task BadRequest(HttpContext ctx, string message) => WriteAsync(ctx, 400, "BadRequest", message);

    public static async Task JsonAsync(HttpContext ctx, JsonNode body, int code = 200)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString());
    }
}
