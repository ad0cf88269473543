using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// A namespaced object that names its own namespace: Argo CD only defaults the namespace to the
/// Application's destination, so another namespace is fine as long as the Application's AppProject
/// permits it as a destination (on the same cluster). Argo CD refuses to sync one it does not
/// ("namespace X is not permitted in project P"); that is the only case reported. Argo CD's own
/// objects (Application, ApplicationSet, AppProject) belong in Argo CD's namespace whatever their
/// parent's destination; they need the same permission from the parent's project. A project the
/// repository does not define is judged by <see cref="Consistency.ProjectRules"/> (the built-in
/// "default" allows every namespace).
/// </summary>
public static class NamespaceCheck
{
    public static void Check(CheckedObject target, bool clusterScoped, IReadOnlyList<AppProject> projects, CheckOptions options, FindingSink sink)
    {
        // With no destination namespace too, an object's own namespace must be one the project permits.
        if (clusterScoped || target.Application is not { } app) return;
        var destination = target.DestinationNamespace is { Length: > 0 } d ? d : null;
        if (target.Manifest.Namespace is not { Length: > 0 } ns || ns == destination) return;
        var project = projects.FirstOrDefault(p => p.Name == app.Project);
        if (project == null || project.AllowsDestination(app.DestinationServer, app.DestinationName, ns)) return;
        var argoCd = IsArgoCdKind(target) && options.ArgoCdNamespaces.Contains(ns)
            ? $" (Argo CD's own objects live in {ns}; the project must list it as a destination for Application {app.Name} to write them there)"
            : "";
        sink.Add(Rules.NamespaceMismatch, target, "/metadata/namespace",
            $"{target.Manifest.Kind} {target.Manifest.Name} sets namespace {ns}, which project {project.Name} does not permit as a destination " +
            $"(Application {app.Name} deploys to {destination ?? "no namespace"}); Argo CD refuses to sync it{argoCd}");
    }

    /// <summary>The kinds Argo CD reads from its own namespace.</summary>
    public static bool IsArgoCdKind(CheckedObject target) =>
        target.Manifest.Group == "argoproj.io" && target.Manifest.Kind is "Application" or "ApplicationSet" or "AppProject";
}
