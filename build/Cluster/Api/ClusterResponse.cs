using System.Net;
using System.Text.Json.Nodes;

namespace GitOps.Build.Cluster.Api;

/// <summary>A finished (non-transient) answer of the API server.</summary>
public sealed record ClusterResponse(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public JsonObject Json() => JsonNode.Parse(Body) as JsonObject
        ?? throw new ClusterException($"The API server answered {(int)Status} with a body that is not a JSON object.");

    /// <summary>The request body this answers (null for GET/DELETE): what an error message must never echo.</summary>
    public string? Sent { get; init; }

    /// <summary>
    /// The error for messages and logs: the Status message, shortened, without anything that was sent
    /// (see <see cref="ClusterErrors.ShortMessage"/>). Use this, never <see cref="Body"/>, in errors.
    /// </summary>
    public string StatusMessage => ClusterErrors.ShortMessage(Status, Body, Sent);

    /// <summary>Never the body: it may hold what was sent, or a Secret that was read.</summary>
    public override string ToString() => $"{(int)Status} {Status}";
}
