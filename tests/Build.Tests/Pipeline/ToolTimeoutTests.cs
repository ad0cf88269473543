using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.Helm;
using GitOps.Build.Kubectl;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Support;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// A tool run that goes past its time limit becomes a TOOL-TIMEOUT finding naming the tool and the unit
/// (the Application, at its source; the ApplicationSet, at its template), and the run goes on. The
/// stand-in tools never end; the runner's limit (a second) stops them.
/// </summary>
public sealed class ToolTimeoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tool-timeout-").FullName;
    private readonly ChildProcessRunner _runner = new(TimeSpan.FromSeconds(1));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Endless(string name) => FakeTool.Write(Path.Combine(_dir, "bin"), name, "exec sleep 100000");

    [Fact]
    public void A_kustomize_build_past_the_limit_is_a_finding_on_the_Application_naming_kubectl_and_the_unit()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("apps/web/kustomization.yaml", "resources:\n  - cm.yaml\n")
            .File("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "apps/web"));
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var kubectl = Endless("kubectl");
        var renderer = new RenderService(model, repo.Path("artifacts/rendered"),
            new KustomizeRenderer(KubectlRunner.Standalone(_runner), () => kubectl, () => TestTools.Helm));

        var outcome = renderer.Lint(Assert.Single(model.Units));

        Assert.True(outcome.Failed);
        var finding = Assert.Single(outcome.Findings);
        Assert.Equal((Rules.ToolTimeout.Id, "Application/web", "argocd/apps/web.yaml"), (finding.RuleId, finding.Object, finding.File));
        Assert.True(finding.Line > 1, "at the Application's source");
        Assert.Contains("linting web stopped: kubectl kustomize ran longer than 1s", finding.Message);
        Assert.Contains("--tool-timeout", finding.Message);
        Assert.DoesNotContain(kubectl, ChildProcessRunner.LiveExecutables);
    }

    [Fact]
    public void A_helm_template_past_the_limit_is_a_finding_naming_helm_and_the_unit()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("charts/web")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web"));
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var helm = HelmRunner.Standalone(_runner);
        var helmPath = Endless("helm");
        var renderer = new RenderService(model, repo.Path("artifacts/rendered"),
            new HelmRenderer(helm, helmPath, new ChartLocator(helm, helmPath, repo.Path(".cache/charts"), offline: true)));

        var result = renderer.Render(Assert.Single(model.Units));

        Assert.Null(result.Objects);
        var finding = Assert.Single(result.Outcome.Findings);
        Assert.Equal((Rules.ToolTimeout.Id, "Application/web"), (finding.RuleId, finding.Object));
        Assert.Contains("rendering web stopped: helm template ran longer than 1s", finding.Message);
    }

    [Fact]
    public void A_goTemplate_past_the_limit_is_a_finding_on_the_ApplicationSet_and_generates_nothing()
    {
        using var repo = new RepoBuilder().File("appsets/web.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: web
            spec:
              goTemplate: true
              generators:
                - list:
                    elements:
                      - env: dev
              template:
                metadata:
                  name: 'web-{{ .env }}'
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: apps/web
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: web
            """);
        var helmPath = Endless("helm");
        var expander = ApplicationSetExpander.WithHelm(HelmRunner.Standalone(_runner), () => helmPath);

        var expansion = expander.Expand(Manifests.ManifestReader.ReadFile(repo.Path("appsets/web.yaml"))[0], repo.Root, "https://example.com/org/repo.git");

        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings, f => f.RuleId == Rules.ToolTimeout.Id);
        Assert.Equal(("ApplicationSet/web", "appsets/web.yaml"), (finding.Object, finding.File));
        Assert.Contains("helm template ran longer than 1s", finding.Message);
    }
}
