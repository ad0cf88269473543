using GitOps.Build.Checks.Schema;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// Two Applications deploying the same object to the same cluster fight over it on every sync;
/// report each later one. The same object on two clusters (an ApplicationSet's element per
/// cluster) is two objects. "The cluster Argo CD runs in" (in-cluster) is one cluster only for one
/// Argo CD: when the two Applications belong to different environments that were only inferred
/// from names, each environment may be a cluster with its own Argo CD (dev, uat and prod roots of
/// one repository, each applied to its cluster), so the finding is a warning, as the other rules
/// that rest on an inferred environment are.
/// </summary>
public static class OverlapRule
{

    /// <param name="order">The repository model's Applications, whose order decides which owner is first; null: the order they are met in.</param>
    public static void Check(IEnumerable<CheckedObject> deployed, Scopes scopes, FindingSink sink, IReadOnlyList<ArgoApplication>? order = null)
    {
        foreach (var finding in Findings(Index(deployed, scopes, order))) sink.Add(finding);
    }

    /// <summary>The objects as the rule needs them (what a --shard job writes to objects.json for MergeReports).</summary>
    public static IReadOnlyList<DeployedObject> Index(IEnumerable<CheckedObject> deployed, Scopes scopes, IReadOnlyList<ArgoApplication>? order = null)
    {
        var list = deployed.Where(o => o.Application != null && o.Manifest.Name.Length > 0).ToList();
        var place = (order ?? list.Select(o => o.Application!).Distinct().ToList()).Select((app, i) => (app, i)).ToDictionary(x => x.app, x => x.i);
        return list
            .Select((o, position) => (o, position, name: o.At("/metadata/name")))
            .Select(x => new DeployedObject(place.GetValueOrDefault(x.o.Application!, int.MaxValue), x.position, x.o.Application!.Name,
                Cluster(x.o.Application!), DuplicateObjects.Identity(x.o, scopes.IsClusterScoped(x.o)), x.o.Manifest.Reference, x.name.File,
                x.name.Line, x.o.At("").Line, x.o.Origin, Suppressions.ReasonFor(x.o.Manifest, Rules.DuplicateDeploy.Id) is { Length: > 0 })
            {
                RenderedFile = x.name.RenderedFile,
                RenderedLine = x.name.RenderedLine,
                InferredEnvironment = x.o.Environment is { Inferred: true } environment && x.o.Application!.DeploysInCluster ? environment.Name : null,
            })
            .ToList();
    }

    /// <summary>Each later owner of an object another Application deploys to the same cluster; one run's objects, or all jobs' of a --shard run.</summary>
    public static IEnumerable<Finding> Findings(IEnumerable<DeployedObject> objects)
    {
        var byIdentity = objects.OrderBy(o => o.Order).ThenBy(o => o.Position).GroupBy(o => (o.Cluster, o.Identity));
        foreach (var group in byIdentity)
        {
            var owners = group.GroupBy(o => o.Application).ToList();
            if (owners.Count < 2) continue;
            var first = owners[0].First();
            foreach (var other in owners.Skip(1).Select(g => g.First()).Where(o => !o.Suppressed))
            {
                var perEnvironment = first.InferredEnvironment is { } a && other.InferredEnvironment is { } b && a != b;
                yield return new Location(other.File, other.Line, other.RenderedFile, other.RenderedLine).Finding(Rules.DuplicateDeploy, other.Reference,
                    $"{group.Key.Identity} is deployed by Application {other.Application} and by Application {first.Application} ({first.File}:{first.StartLine}{CheckedObject.OriginBeside(first.Origin, first.File)}){CheckedObject.OriginBeside(other.Origin, other.File)}" +
                    (perEnvironment
                        ? $"; they are in environments {other.InferredEnvironment} and {first.InferredEnvironment} (inferred from names) and both deploy in-cluster, which is one cluster only " +
                          "if one Argo CD serves both, so this is a warning; with an Argo CD per environment, check each cluster's roots in a run of its own (--root-app, or roots: in gitops-build.yaml)"
                        : ""),
                    perEnvironment ? Severity.Warning : null);
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
        var inCluster = Config.ClusterInfo.InCluster;
        return app.DestinationName is { Length: > 0 } name && name != inCluster.Name ? "name:" + name : inCluster.Server;
    }
}
