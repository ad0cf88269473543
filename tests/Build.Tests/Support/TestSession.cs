using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Kubectl;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Session;
using GitOps.Build.Tools.Caching;

namespace GitOps.Build.Tests.Support;

/// <summary>
/// A repository folder opened as a run opens it: <see cref="RepositorySession.Open"/> over
/// <see cref="RepositoryEntry.Open"/> (its gitops-build.yaml, roots, AppProjects folder, environments),
/// with the pinned helm and kubectl, remote charts offline from the repository's .cache/charts, and
/// (unless a test hands in its own helm) no result cache. The one way tests get a model and a renderer.
/// </summary>
public static class TestSession
{
    /// <param name="rootApp">The root app file or folder, relative to <paramref name="root"/>; null: as a run without --root-app finds them.</param>
    /// <param name="helm">The helm to render with (e.g. behind a result cache); null: helm run directly.</param>
    /// <param name="maxApplications">The run's --max-applications.</param>
    public static RepositorySession Open(string root, string? rootApp = null, string projects = "gitops/argocd/projects",
        string environments = "gitops/environments.yaml", IHelm? helm = null, string? certificate = null,
        int maxApplications = RepositoryLoader.DefaultMaxApplications) =>
        RepositorySession.Open(RepositoryEntry.Open(Path.GetFullPath(root), rootApp, projects, environments), Tools(root, helm),
            Path.Combine(Path.GetFullPath(root), "artifacts", "rendered"), certificate, maxApplications: maxApplications);

    /// <summary>What a test session renders with: the standalone tools, a result cache in memory (one per session).</summary>
    public static RenderTools Tools(string root, IHelm? helm = null) =>
        new(helm ?? HelmRunner.Standalone(), HelmRunner.Standalone(), KubectlRunner.Standalone(), new ResultCache(folder: null),
            () => TestTools.Helm, () => TestTools.Kubectl, Path.Combine(root, ".cache", "charts"), Offline: true);

    /// <summary>The session's every unit through the Template stage; a unit that fails for any other reason than the model's own problems fails the test.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>>> RenderAsync(RepositorySession session)
    {
        var model = session.Model;
        var rendered = await new TemplateStage(session.Renderer, parallelism: 2).RunAsync(model.Units);
        var failures = rendered.Outcomes.SelectMany(o => o.Findings.Select(f => (o.Unit, Finding: f)))
            .Where(f => f.Finding.Severity == Severity.Error && !model.Problems.Contains(f.Finding)).ToList();
        if (failures.Count > 0)
            throw new InvalidOperationException("rendering failed: " + string.Join("; ", failures.Select(f => $"{f.Unit}: {f.Finding.Location}: {f.Finding.Message}")));
        return rendered.ByUnit;
    }

    /// <summary>Load, render, check: the whole Validate pipeline on a repository folder, with its configuration's check options.</summary>
    public static async Task<IReadOnlyList<Finding>> CheckAsync(string root, string? rootApp = "gitops/argocd/bootstrap/root-app.yaml",
        CheckOptions? options = null, string projects = "gitops/argocd/projects", string environments = "gitops/environments.yaml")
    {
        var session = Open(root, rootApp, projects, environments);
        var rendered = await RenderAsync(session);
        return CheckRunner.Run(session.Model, rendered, options ?? (session.Config.File != null ? CheckOptions.For(session.Config) : CheckOptions.Default));
    }
}
