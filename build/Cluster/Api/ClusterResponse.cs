using System.Net;
using System.Text.Json.Nodes;

namespace GitOps.Build.Cluster;

/// <summary>A finished (non-transient) answer of the API server.</summary>
public sealed record ClusterResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public JsonObject Json() => JsonNode.Parse(Body) as JsonObject
        ?? throw new ClusterException($"The API server answered {(int)Status} with a body that is not a JSON object.");

    /// <summary>The message of a Kubernetes Status body, or the raw body cut short.</summary>
    public string StatusMessage
    {
        get
        {
            try
            {
                if (JsonNode.Parse(Body) is JsonObject o && o["message"]?.GetValue<string>() is { Length: > 0 } m) return m;
            }
            catch (System.Text.Json.JsonException) { }
            var text = Body.Trim();
            return text.Length > 300 ? text[..300] + "..." : text.Length == 0 ? Status.ToString() : text;
        }
    }
}
