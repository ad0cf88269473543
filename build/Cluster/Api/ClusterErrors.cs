using System.Net;

namespace GitOps.Build.Cluster;

/// <summary>
/// Turns a permanent API answer into a message that names the object, what was attempted, and the fix.
/// Kubernetes Status messages never carry Secret data, so they are safe to include.
/// </summary>
public static class ClusterErrors
{
    public static ClusterApiException Permanent(ClusterResponse r, string verb, ObjectRef? subject, string? source, ClusterClient client, string? what = null)
    {
        var target = subject?.ToString() ?? what ?? "the request";
        var from = source is null ? "" : $" (from {source})";
        var msg = r.StatusMessage;
        var ctx = client.ContextName is null ? "the current context" : $"context '{client.ContextName}'";
        var text = r.Status switch
        {
            HttpStatusCode.Unauthorized =>
                $"Unauthorized: cannot {verb} {target}{from}: the API server at {client.Server} rejected the credentials of {ctx}. " +
                "Fix: log in again (refresh the token or the exec credential plugin of that kubeconfig user), or pick another --context.",
            HttpStatusCode.Forbidden =>
                $"Forbidden: cannot {verb} {target}{from}: {msg}. " +
                $"Fix: use a --context whose user may {verb} this object (cluster targets need cluster-admin), or grant it with RBAC.",
            HttpStatusCode.NotFound =>
                $"Not found: cannot {verb} {target}{from}: {msg}. " +
                "Fix: check the name and namespace; a missing namespace or CRD must be created first.",
            HttpStatusCode.UnprocessableEntity =>
                $"Invalid object: the API server refused {target}{from}: {msg}. Fix: correct the manifest and run again.",
            HttpStatusCode.BadRequest =>
                $"Bad request: cannot {verb} {target}{from}: {msg}. Fix: correct the manifest and run again.",
            HttpStatusCode.Conflict =>
                $"Conflict: cannot {verb} {target}{from}: {msg}. Fix: another field manager owns these fields; resolve the conflict and run again.",
            _ => $"The API server answered {(int)r.Status} to {verb} {target}{from}: {msg}.",
        };
        return new ClusterApiException(r.Status, text);
    }
}
