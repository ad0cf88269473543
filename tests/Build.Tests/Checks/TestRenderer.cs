using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// The build's own renderer service and Template stage on a repository folder, with the pinned helm
/// and kubectl (no result cache, remote charts offline): artifacts/rendered/&lt;unit id&gt;.yaml under the
/// repository, and the objects by unit id, exactly as the Template task hands them to Validate.
/// </summary>
public static class TestRenderer
{
    /// <summary>The production <see cref="RenderService"/> as <see cref="BuildContext"/> builds it, over <paramref name="model"/>.</summary>
    public static RenderService Service(RepositoryModel model, string? loadRestrictor = null)
    {
        var helm = HelmRunner.Standalone();
        var charts = new ChartLocator(helm, TestTools.Helm, Path.Combine(model.Root, ".cache", "charts"), offline: true);
        return new RenderService(model, Path.Combine(model.Root, "artifacts", "rendered"),
            new HelmRenderer(helm, TestTools.Helm, charts), new KustomizeRenderer(TestTools.Kubectl, TestTools.Helm, loadRestrictor), new PluginRenderer());
    }

    /// <summary>Renders units while the repository is read, as a run does (app-of-apps through Helm or Kustomize).</summary>
    public static RenderedApplications WhileLoading(string? loadRestrictor = null) =>
        new((shell, unit) => Service(shell, loadRestrictor).Render(unit).Objects);

    /// <summary>Every unit rendered; a unit that fails for any other reason than the model's own problems fails the test.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>>> RenderAsync(RepositoryModel model)
    {
        var (outcomes, rendered) = await new TemplateStage(Service(model), parallelism: 2).RunAsync(model.Units);
        var failures = outcomes.SelectMany(o => o.Findings.Select(f => (o.Unit, Finding: f)))
            .Where(f => f.Finding.Severity == Severity.Error && !model.Problems.Contains(f.Finding)).ToList();
        if (failures.Count > 0)
            throw new InvalidOperationException("rendering failed: " + string.Join("; ", failures.Select(f => $"{f.Unit}: {f.Finding.Location}: {f.Finding.Message}")));
        return rendered.ToDictionary(r => r.Unit, r => r.Objects);
    }

    /// <summary>Load, render, check: the whole Validate pipeline on a repository folder.</summary>
    public static async Task<IReadOnlyList<Finding>> CheckAsync(string root, string rootApp = "gitops/argocd/bootstrap/root-app.yaml",
        CheckOptions? options = null, string? projectsPath = null, string? environmentsPath = null)
    {
        // As a run reads it: the repository configuration's environments, when it has a file.
        var config = RepositoryConfigReader.Load(root);
        var model = RepositoryLoader.Load(root, [Path.Combine(root, rootApp)], projectsPath, environmentsPath, environments: config.Environments);
        var rendered = await RenderAsync(model);
        return CheckRunner.Run(model, rendered, options ?? (config.File != null ? CheckOptions.For(config) : CheckOptions.Default));
    }
}
