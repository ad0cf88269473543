using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// A chart whose dependencies are not vendored (seen on cterence/homelab-gitops: 44 charts over a
/// shared library chart): Argo CD would run helm dependency build; offline it is reported as not
/// rendered, a warning, not as helm's error.
/// </summary>
public class ChartDependenciesTests
{
    private static RepoBuilder Repo() => new RepoBuilder().RootApp()
        .Chart("charts/web")
        .File("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 1.0.0\n    repository: https://charts.example.com\n")
        .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web"));

    [Fact]
    public async Task Missing_dependencies_are_a_not_rendered_warning_for_lint_and_template()
    {
        using var repo = Repo();
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var (model, renderer) = (session.Model, session.Renderer);
        var lint = Assert.Single(await renderer.LintAllAsync(model.Units, 1));
        var (outcomes, rendered) = await new TemplateStage(renderer, 1).RunAsync(model.Units);
        foreach (var outcome in new[] { lint, Assert.Single(outcomes) })
        {
            var finding = Assert.Single(outcome.Findings);
            Assert.Equal(("HELM-DEPENDENCIES", Severity.Warning, "argocd/apps/web.yaml"), (finding.RuleId, finding.Severity, finding.File));
            Assert.Contains("common", finding.Message);
            Assert.False(outcome.Failed);
        }
        Assert.Empty(rendered);
    }

    [Fact]
    public async Task Vendored_dependencies_render()
    {
        using var repo = Repo()
            .File("charts/web/charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n");
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var (outcomes, rendered) = await new TemplateStage(session.Renderer, 1).RunAsync(session.Model.Units);
        Assert.Empty(Assert.Single(outcomes).Findings);
        Assert.Single(rendered);
    }
}
