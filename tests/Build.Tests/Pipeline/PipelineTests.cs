using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Session;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>The Lint and Template stages with the real pinned helm on small repositories.</summary>
public class PipelineTests
{
    private static string App(string name, string helm, string ns = "demo") => RepoBuilder.Application(name, "chart", ns, helm);

    private static RepoBuilder Repo() => new RepoBuilder().RootApp().Chart("chart")
        .File("chart/values.schema.json", """{"type":"object","properties":{"greeting":{"type":"string"},"count":{"type":"integer"}}}""");

    private static RepositorySession Open(RepoBuilder repo) => TestSession.Open(repo.Root, "bootstrap/root.yaml");

    private static Task<RenderedSet> TemplateAsync(RepositorySession session) => new TemplateStage(session.Renderer, 2).RunAsync(session.Model.Units);

    [Fact]
    public async Task Template_renders_with_argo_cd_release_namespace_values_inline_values_and_parameters()
    {
        using var repo = Repo()
            .File("values/a.yaml", "greeting: from-file\n")
            .File("argocd/apps/a.yaml", App("a", """
                      valueFiles: [../values/a.yaml]
                      valuesObject: {greeting: from-inline}
                """, ns: "team-a"))
            .File("argocd/apps/b.yaml", App("b", """
                      valueFiles: [../values/a.yaml]
                      parameters: [{name: greeting, value: from-parameter}]
                """));
        var session = Open(repo);
        var model = session.Model;
        var (outcomes, rendered) = await TemplateAsync(session);
        Assert.All(outcomes, o => Assert.False(o.Failed));
        var a = rendered.Single(r => r.Unit == "a").Objects.Single();
        Assert.Equal(("a", "team-a", "from-inline"), (a.Name, a.Namespace, a.Text("/data/greeting")));
        Assert.Equal("demo/templates/configmap.yaml", a.SourceTemplate);
        Assert.Equal("artifacts/rendered/a.yaml", a.File);
        Assert.True(File.Exists(repo.Path("artifacts/rendered/a.yaml")));
        Assert.Equal("from-parameter", rendered.Single(r => r.Unit == "b").Objects.Single().Text("/data/greeting"));
        // The inline values went to a private scratch folder, never into the repository, and are gone.
        Assert.False(Directory.Exists(repo.Path("artifacts/tmp")));
        Assert.DoesNotContain(OwnScratchFiles.Texts(), text => text.Contains("from-inline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lint_reports_every_failing_unit_and_locates_schema_errors_in_the_value_file()
    {
        using var repo = Repo()
            .File("values/good.yaml", "count: 3\n")
            .File("values/bad1.yaml", "# comment\ncount: three\n")
            .File("values/bad2.yaml", "greeting: 5\n")
            .File("argocd/apps/good.yaml", App("good", "          valueFiles: [../values/good.yaml]"))
            .File("argocd/apps/bad1.yaml", App("bad1", "          valueFiles: [../values/bad1.yaml]"))
            .File("argocd/apps/bad2.yaml", App("bad2", "          valueFiles: [../values/bad2.yaml]"));
        var session = Open(repo);
        var model = session.Model;
        var outcomes = await session.Renderer.LintAllAsync(model.Units, 2);
        Assert.False(outcomes.Single(o => o.Unit == "good").Failed);
        var bad1 = Assert.Single(outcomes.Single(o => o.Unit == "bad1").Findings);
        Assert.Equal(("HELM-SCHEMA", "values/bad1.yaml", 2), (bad1.RuleId, bad1.File, bad1.Line));
        Assert.Contains("count", bad1.Message);
        var bad2 = Assert.Single(outcomes.Single(o => o.Unit == "bad2").Findings);
        Assert.Equal(("HELM-SCHEMA", "values/bad2.yaml", 1), (bad2.RuleId, bad2.File, bad2.Line));
    }

    [Fact]
    public async Task A_template_error_names_the_template_file_and_line()
    {
        using var repo = Repo()
            .File("chart/templates/broken.yaml", "# first line\n{{ .Values.missing.deeper }}\n")
            .File("argocd/apps/a.yaml", App("a", "          valueFiles: []"));
        var session = Open(repo);
        var model = session.Model;
        var (outcomes, rendered) = await TemplateAsync(session);
        Assert.Empty(rendered);
        var finding = Assert.Single(Assert.Single(outcomes).Findings);
        Assert.Equal(("HELM-TEMPLATE", "chart/templates/broken.yaml", 2), (finding.RuleId, finding.File, finding.Line));
    }

    [Fact]
    public async Task A_remote_chart_offline_and_uncached_is_reported_not_rendered()
    {
        using var repo = new RepoBuilder().RootApp().File("argocd/apps/r.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: r
            spec:
              source:
                repoURL: https://charts.example.com
                chart: thing
                targetRevision: 1.0.0
              destination:
                server: https://kubernetes.default.svc
                namespace: demo
            """);
        var session = Open(repo);
        var model = session.Model;
        var (outcomes, _) = await TemplateAsync(session);
        var finding = Assert.Single(Assert.Single(outcomes).Findings);
        Assert.Equal(("REMOTE-CHART", Severity.Warning, "argocd/apps/r.yaml", 8), (finding.RuleId, finding.Severity, finding.File, finding.Line));
        Assert.Contains("not rendered (remote chart", finding.Message);
    }

    private static string TwoSourceApp => """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: pair
        spec:
          project: default
          sources:
            - repoURL: https://example.com/org/repo.git
              path: chart
            - repoURL: https://example.com/org/repo.git
              path: other
              helm:
                releaseName: other
          destination:
            server: https://kubernetes.default.svc
            namespace: demo
        """;

    [Fact]
    public async Task Each_helm_source_of_an_application_is_a_unit_of_its_own_with_its_own_artifact()
    {
        using var repo = Repo().Chart("other", name: "other").File("argocd/apps/pair.yaml", TwoSourceApp);
        var session = Open(repo);
        var model = session.Model;
        Assert.Equal(["pair#1", "pair#2"], model.Units.Select(u => u.Id));
        Assert.All(model.Units, u => Assert.Equal("pair", u.Name));

        var (outcomes, rendered) = await TemplateAsync(session);

        Assert.All(outcomes, o => Assert.False(o.Failed));
        Assert.Equal(["pair#1", "pair#2"], outcomes.Select(o => o.Unit));
        Assert.Equal(["artifacts/rendered/pair#1.yaml", "artifacts/rendered/pair#2.yaml"], rendered.Select(r => r.Objects.Single().File));
        Assert.Equal(("pair", "other"), (rendered[0].Objects.Single().Name, rendered[1].Objects.Single().Name));
        Assert.Equal(rendered.Select(r => r.Text), rendered.Select(r => File.ReadAllText(r.Artifact)));
        // Validate's view: both renderings belong to the one Application, and checking them does not throw.
        var byId = rendered.ToDictionary(r => r.Unit, r => r.Objects);
        var deployments = Deployments.Collect(model, byId);
        Assert.Equal(2, deployments.ByApplication.Single(a => a.Key.Name == "pair").Value.Count(o => o.Manifest.Kind == "ConfigMap"));
        CheckRunner.Run(model, byId, CheckOptions.Default);
    }

    [Fact]
    public async Task A_missing_value_file_stops_lint_and_template_with_the_loader_finding()
    {
        using var repo = Repo()
            .File("values/a.yaml", "greeting: here\n")
            .File("argocd/apps/a.yaml", App("a", """
                      valueFiles:
                        - ../values/a.yaml
                        - ../values/gone.yaml
                """))
            .File("argocd/apps/b.yaml", App("b", """
                      ignoreMissingValueFiles: true
                      valueFiles: [../values/gone.yaml]
                """));
        var session = Open(repo);
        var model = session.Model;
        var problem = Assert.Single(model.Problems);
        Assert.Equal(("GITOPS-VALUES", "argocd/apps/a.yaml", 13), (problem.RuleId, problem.File, problem.Line));
        Assert.Contains("values/gone.yaml", problem.Message);

        var lint = await session.Renderer.LintAllAsync(model.Units, 2);
        var (template, rendered) = await TemplateAsync(session);

        Assert.Equal([problem], lint.Single(o => o.Unit == "a").Findings);
        Assert.Equal([problem], template.Single(o => o.Unit == "a").Findings);
        Assert.Equal(UnitStatus.NotRendered, template.Single(o => o.Unit == "a").Status);
        Assert.False(File.Exists(repo.Path("artifacts/rendered/a.yaml")));
        // ignoreMissingValueFiles: rendered without it, as Argo CD does.
        Assert.False(lint.Single(o => o.Unit == "b").Failed);
        Assert.Equal(["b"], rendered.Select(r => r.Unit));
    }
}
