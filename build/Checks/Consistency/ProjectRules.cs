using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// What Argo CD refuses at sync time, found before: the project must exist and allow the
/// Application's source repositories, its destination, and every kind it deploys (including the
/// Namespace that CreateNamespace=true creates).
/// </summary>
public static class ProjectRules
{
    /// <summary>
    /// A project the repository does not define. Close to the name of one it does, it is a typo
    /// Argo CD refuses to sync (an error). Otherwise Argo CD accepts it when the project exists in
    /// the cluster, created outside the repository (by hand, by a bootstrap tool, from another
    /// repository), which a repository that keeps few or no AppProjects usually means: a warning,
    /// since what the project allows cannot be checked here.
    /// </summary>
    private static void Missing(ArgoApplication app, CheckedObject appTarget, RepositoryModel model, FindingSink sink)
    {
        var known = model.Projects.Select(p => p.Name).ToList();
        var listed = known.Count == 0 ? "the repository defines none" : "it defines " + string.Join(", ", known);
        if (Primitives.EditDistance.Closest(app.Project, known) is { } meant)
        {
            sink.Add(Rules.ProjectMissing, appTarget, "/spec/project",
                $"Application {app.Name} uses project {app.Project}, which no AppProject in the repository defines; did you mean {meant}? ({listed})");
            return;
        }
        sink.Add(Rules.ProjectMissing, appTarget, "/spec/project",
            $"Application {app.Name} uses project {app.Project}, which no AppProject in the repository defines ({listed}); Argo CD syncs it only if the project exists in the cluster, created outside this repository, and what it allows is not checked here",
            Severity.Warning);
    }

    /// <summary>Argo CD creates a wide-open "default" project on install; when the repository does not narrow it, it allows all.</summary>
    private const string BuiltInDefaultProject = "default";

    /// <param name="namespacesDeployed">The Namespaces the repository's Applications deploy as objects: an Application's
    /// CreateNamespace=true creates nothing where one of them already makes its namespace.</param>
    /// <param name="sources">Where the project's fields are (the run's, <see cref="Deployments.Sources"/>); null: read afresh.</param>
    public static void Check(ArgoApplication app, CheckedObject appTarget, RepositoryModel model,
        IReadOnlyList<CheckedObject> deployed, Scopes scopes, FindingSink sink, IReadOnlySet<string>? namespacesDeployed = null, SourceFiles? sources = null)
    {
        var project = model.Project(app.Project);
        if (project == null)
        {
            if (app.Project != BuiltInDefaultProject) Missing(app, appTarget, model, sink);
            return;
        }
        // The project's field a finding says is missing an entry, as the message names it: where the reader adds it
        // (the chart template or kustomize resource that made a rendered project, not its artifact).
        sources ??= new SourceFiles(model);
        string Project(string field) => $"project {project.Name} ({sources.Locate(project.Manifest, field).Place})";

        foreach (var source in app.Sources.Where(s => s.RepoUrl.Length > 0 && !project.AllowsSource(s.RepoUrl)))
        {
            sink.Add(Rules.ProjectSource, appTarget, source.Pointer + "/repoURL",
                $"Application {app.Name}: {Project("/spec/sourceRepos")} does not allow source repository {source.RepoUrl}");
        }

        if (!project.AllowsDestination(app.DestinationServer, app.DestinationName, app.DestinationNamespace))
        {
            sink.Add(Rules.ProjectDestination, appTarget, "/spec/destination",
                $"Application {app.Name}: {Project("/spec/destinations")} does not allow destination " +
                $"{app.DestinationServer ?? app.DestinationName}/{app.DestinationNamespace}");
        }

        if (CreatesNamespace(app) && !project.Allows("", "Namespace", clusterScoped: true) && namespacesDeployed?.Contains(app.EffectiveNamespace) != true
            && !NamespaceExists(app))
        {
            sink.Add(Rules.ProjectKind, appTarget, "/spec/syncPolicy/syncOptions",
                $"Application {app.Name} creates its namespace {app.EffectiveNamespace} (CreateNamespace=true), which no Application deploys as a Namespace, but {Project("/spec/clusterResourceWhitelist")} does not whitelist cluster-scoped Namespace");
        }

        foreach (var byKind in deployed.GroupBy(o => (o.Manifest.Group, o.Manifest.Kind)))
        {
            var first = byKind.First();
            var clusterScoped = scopes.IsClusterScoped(first);
            if (project.Allows(first.Manifest.Group, first.Manifest.Kind, clusterScoped)) continue;
            var group = first.Manifest.Group.Length == 0 ? "\"\" (core)" : first.Manifest.Group;
            // A namespaced kind with no namespace whitelist is refused by the blacklist.
            var field = clusterScoped ? "/spec/clusterResourceWhitelist"
                : project.HasNamespaceResourceWhitelist ? "/spec/namespaceResourceWhitelist" : "/spec/namespaceResourceBlacklist";
            sink.Add(Rules.ProjectKind, first, "/kind",
                $"Application {app.Name} deploys {first.Manifest.Kind} (group {group}, {(clusterScoped ? "cluster-scoped" : "namespaced")}), " +
                $"which {Project(field)} does not allow");
        }
    }

    /// <summary>
    /// The namespace surely exists: an Application deploying into the namespace it is itself kept in,
    /// on the cluster Argo CD runs in (an app-of-apps into argocd). Argo CD adds no Namespace to the
    /// sync for a namespace that exists, so the project is not asked about it.
    /// </summary>
    private static bool NamespaceExists(ArgoApplication app) =>
        app.DeploysInCluster && app.Manifest.Namespace is { Length: > 0 } own && own == app.EffectiveNamespace;

    private static bool CreatesNamespace(ArgoApplication app) =>
        app.Manifest.At("/spec/syncPolicy/syncOptions") is System.Text.Json.Nodes.JsonArray options &&
        options.Any(o => string.Equals(o?.ToString().Replace(" ", ""), "CreateNamespace=true", StringComparison.OrdinalIgnoreCase));
}
