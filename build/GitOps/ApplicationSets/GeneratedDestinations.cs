using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The destination of each generated Application, as the ApplicationSet controller validates it
/// (applicationset_controller.go, validateGeneratedApplications: argoutil.GetDestinationCluster):
/// exactly one of destination.server and destination.name, else that Application is not created
/// (GITOPS-DESTINATION). But a destination that renders empty from a clusters generator's
/// parameters while no cluster is declared here names a cluster Argo CD has a Secret for and this
/// run does not know: that is a warning (APPSET-NOT-EXPANDED) saying how to declare the clusters,
/// and the Application is kept, so what it deploys is still checked. Each is said once per
/// ApplicationSet, naming the Applications.
/// </summary>
internal static class GeneratedDestinations
{
    public static List<ManifestObject> Keep(List<ManifestObject> applications, Expansion x)
    {
        var kept = new List<ManifestObject>();
        var unknown = new List<string>();
        var both = new List<string>();
        var none = new List<string>();
        foreach (var app in applications)
        {
            var server = app.Text("/spec/destination/server");
            var name = app.Text("/spec/destination/name");
            if (ArgoApplication.DestinationRefusal(server, name) is null) kept.Add(app);
            else if (server is { Length: > 0 }) both.Add(app.Name);
            else if (x.UsesClusters && x.ClustersUnknown)
            {
                unknown.Add(app.Name);
                kept.Add(app);
            }
            else none.Add(app.Name);
        }
        var (pointer, written) = Written(x);
        if (unknown.Count > 0)
            x.Report(Rules.AppSetNotExpanded, pointer,
                $"{Names(unknown)} an empty destination ({written}): it is rendered from the clusters generator's parameters, and no cluster is declared here, only in-cluster, " +
                "while Argo CD fills them from the cluster Secrets it has; declare the clusters Argo CD manages (name, server, labels) under clusters: in gitops-build.yaml (docs/configuration.md) to check their destination");
        if (none.Count > 0)
            x.Report(Rules.GitOpsDestination, pointer,
                $"{Names(none)} neither destination.server nor destination.name ({written}); Argo CD's ApplicationSet controller does not create them (application destination spec is invalid: {ArgoApplication.DestinationRefusal(null, null)})");
        if (both.Count > 0)
            x.Report(Rules.GitOpsDestination, pointer,
                $"{Names(both)} both destination.server and destination.name; Argo CD's ApplicationSet controller does not create them ({ArgoApplication.DestinationRefusal("s", "n")})");
        return kept;
    }

    private static string Names(List<string> names) =>
        (names.Count == 1 ? "generated Application " : $"{names.Count} generated Applications (") +
        string.Join(", ", names.Take(3)) + (names.Count > 3 ? ", …" : "") + (names.Count == 1 ? " gets" : ") get");

    /// <summary>Where the template writes the destination (its server, else its name) and what it says: "the template's server: '{{.server}}' renders empty".</summary>
    private static (string Pointer, string Text) Written(Expansion x)
    {
        const string Destination = "/spec/template/spec/destination";
        var destination = x.AppSet.At(Destination) as JsonObject;
        var fields = new[] { "server", "name" }.Where(k => destination?[k] is JsonValue).ToList();
        if (fields.Count == 0) return (Destination, "the template names neither server nor name");
        return ($"{Destination}/{fields[0]}", "the template's " + string.Join(", ", fields.Select(k => $"{k}: '{destination![k]}'")) + " renders empty");
    }
}
