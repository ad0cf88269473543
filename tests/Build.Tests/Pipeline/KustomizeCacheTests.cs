using GitOps.Build.GitOps;
using GitOps.Build.Kubectl;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Support;
using GitOps.Build.Tools.Caching;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// Kustomize builds through the result cache, counted by a stand-in kubectl that records each call and
/// runs the pinned kubectl: Lint and Template build each overlay once; the next run builds nothing that
/// did not change; a changed input file builds again; a failed build is built again in the next run.
/// A "run" is one renderer with its own <see cref="ResultCache"/> over the same folder.
/// </summary>
public sealed class KustomizeCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kustomize-cache-").FullName;
    private readonly string _calls;
    private readonly string _kubectl;
    private readonly RepoBuilder _repo;

    public KustomizeCacheTests()
    {
        _calls = Path.Combine(_dir, "calls");
        _kubectl = FakeTool.Counting(Path.Combine(_dir, "bin"), "kubectl", TestTools.Kubectl, _calls);
        _repo = new RepoBuilder()
            .RootApp()
            .File("apps/web/base/kustomization.yaml", "resources:\n  - configmap.yaml\n")
            .File("apps/web/base/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: hello\n")
            .File("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: dev-\n")
            .File("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: prod-\n")
            .File("argocd/apps/web-dev.yaml", RepoBuilder.Application("web-dev", "apps/web/envs/dev", "web-dev"))
            .File("argocd/apps/web-prod.yaml", RepoBuilder.Application("web-prod", "apps/web/envs/prod", "web-prod"));
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private RepositoryModel Load() => RepositoryLoader.Load(_repo.Root, _repo.Path("bootstrap/root.yaml"));

    /// <summary>One run's renderer service: the stand-in kubectl, a result cache of its own over the shared folder.</summary>
    private RenderService NextRun(RepositoryModel model) =>
        new(model, _repo.Path("artifacts/rendered"),
            new KustomizeRenderer(KubectlRunner.Standalone(), () => _kubectl, () => TestTools.Helm, results: new ResultCache(Path.Combine(_dir, "results"))));

    private int Calls => FakeTool.Calls(_calls);

    [Fact]
    public async Task Lint_and_Template_build_each_overlay_once()
    {
        var model = Load();
        Assert.Equal(2, model.Units.Count(u => u.Kind == SourceKind.Kustomize));
        var renderer = NextRun(model);

        var lint = await renderer.LintAllAsync(model.Units, 2);
        var (template, rendered) = await new TemplateStage(renderer, 2).RunAsync(model.Units);

        Assert.All(lint.Concat(template), o => Assert.False(o.Failed, string.Join("; ", o.Findings.Select(f => f.Message))));
        Assert.Equal(2, rendered.Count);
        Assert.Equal(2, Calls);
        // Each overlay once (through the wrapper kustomization that asks for origins): one call per overlay's objects.
        Assert.Equal(["dev-web", "prod-web"], rendered.SelectMany(r => r.Objects).Select(o => o.Name).Order());
    }

    [Fact]
    public void The_next_run_builds_nothing_unchanged_and_a_changed_input_file_builds_again()
    {
        var model = Load();
        var dev = Assert.Single(model.Units, u => u.Id == "web-dev");
        var first = NextRun(model).Render(dev);
        Assert.Equal(1, Calls);

        var hit = NextRun(model).Render(dev);
        Assert.Equal(1, Calls);
        Assert.Equal(first.Text, hit.Text);
        Assert.Equal("dev-web", Assert.Single(hit.Objects!).Name);

        _repo.File("apps/web/base/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: changed\n");
        var changed = NextRun(Load()).Render(dev);
        Assert.Equal(2, Calls);
        Assert.Contains("greeting: changed", changed.Text);

        // the other overlay shares the base but was never built: it builds once
        var prod = Assert.Single(model.Units, u => u.Id == "web-prod");
        NextRun(model).Render(prod);
        NextRun(model).Render(prod);
        Assert.Equal(3, Calls);
    }

    [Fact]
    public void A_failed_build_is_not_kept_and_builds_again_in_the_next_run()
    {
        _repo.File("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\n  - missing.yaml\n");
        var model = Load();
        var dev = Assert.Single(model.Units, u => u.Id == "web-dev");

        var run = NextRun(model);
        Assert.True(run.Lint(dev).Failed);
        Assert.True(run.Render(dev).Outcome.Failed);
        Assert.Equal(1, Calls);

        Assert.True(NextRun(model).Render(dev).Outcome.Failed);
        Assert.Equal(2, Calls);
        var kept = Directory.Exists(Path.Combine(_dir, "results")) ? Directory.EnumerateFiles(Path.Combine(_dir, "results"), "*", SearchOption.AllDirectories).ToList() : [];
        Assert.Empty(kept);
    }
}
