using GitOps.Build.Checks.Schema;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// Two Applications deploying the same object to the same cluster fight over it on every sync;
/// report each later one. The same object on two clusters (an ApplicationSet's element per
/// cluster) is two objects.
/// </summary>
public static class OverlapRule
{
    private const string InCluster = "https://kubernetes.default.svc";

    public static void Check(IEnumerable<CheckedObject> deployed, Scopes scopes, FindingSink sink)
    {
        var byIdentity = deployed.Where(o => o.Application != null && o.Manifest.Name.Length > 0)
            .GroupBy(o => (Cluster: Cluster(o.Application!), Identity: DuplicateObjects.Identity(o, scopes.IsClusterScoped(o))));
        foreach (var group in byIdentity)
        {
            var owners = group.GroupBy(o => o.Application!.Name).ToList();
            if (owners.Count < 2) continue;
            var first = owners[0].First();
            foreach (var other in owners.Skip(1).Select(g => g.First()))
            {
                sink.Add(Rules.DuplicateDeploy, other, "/metadata/name",
                    $"{group.Key.Identity} is deployed by Application {other.Application!.Name} and by Application {first.Application!.Name} ({first.File}:{first.Manifest.Line}{first.Origin})");
            }
        }
    }

    /// <summary>
    /// The destination cluster as Argo CD names it: spec.destination.server, else .name; the
    /// built-in in-cluster name is the local API server. Another cluster's name and its server URL
    /// cannot be matched offline, so they count as two clusters.
    /// </summary>
    private static string Cluster(ArgoApplication app)
    {
        if (app.DestinationServer is { Length: > 0 } server) return server.TrimEnd('/');
        return app.DestinationName is { Length: > 0 } name && name != "in-cluster" ? "name:" + name : InCluster;
    }
}
