using GitOps.Build.Checks;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Pipeline;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>The Lint and Template stages with the real pinned helm on small repositories.</summary>
public class PipelineTests
{
    private static string App(string name, string helm, string ns = "demo") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
        spec:
          project: default
          source:
            repoURL: https://example.com/org/repo.git
            path: chart
            helm:
        {helm}
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        """;

    private static RepoBuilder Repo() => new RepoBuilder().RootApp().Chart("chart")
        .File("chart/values.schema.json", """{"type":"object","properties":{"greeting":{"type":"string"},"count":{"type":"integer"}}}""");

    private static (LintStage Lint, TemplateStage Template) Stages(RepoBuilder repo)
    {
        var helm = HelmFactory.Standalone();
        var charts = new ChartLocator(helm, TestTools.Helm, repo.Path(".cache/charts"), offline: true);
        var scratch = repo.Path("artifacts/tmp");
        return (new LintStage(helm, TestTools.Helm, charts, scratch, 2),
                new TemplateStage(helm, TestTools.Helm, charts, scratch, repo.Path("artifacts/rendered"), 2));
    }

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
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var (outcomes, rendered) = await Stages(repo).Template.RunAsync(model, model.Units);
        Assert.All(outcomes, o => Assert.False(o.Failed));
        var a = rendered.Single(r => r.Unit == "a").Objects.Single();
        Assert.Equal(("a", "team-a", "from-inline"), (a.Name, a.Namespace, a.Text("/data/greeting")));
        Assert.Equal("demo/templates/configmap.yaml", a.SourceTemplate);
        Assert.Equal("artifacts/rendered/a.yaml", a.File);
        Assert.True(File.Exists(repo.Path("artifacts/rendered/a.yaml")));
        Assert.Equal("from-parameter", rendered.Single(r => r.Unit == "b").Objects.Single().Text("/data/greeting"));
        Assert.Empty(Directory.EnumerateFiles(repo.Path("artifacts/tmp"))); // inline values file removed
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
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var outcomes = await Stages(repo).Lint.RunAsync(model, model.Units);
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
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var (outcomes, rendered) = await Stages(repo).Template.RunAsync(model, model.Units);
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
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var (outcomes, _) = await Stages(repo).Template.RunAsync(model, model.Units);
        var finding = Assert.Single(Assert.Single(outcomes).Findings);
        Assert.Equal(("REMOTE-CHART", Severity.Warning, "argocd/apps/r.yaml", 8), (finding.RuleId, finding.Severity, finding.File, finding.Line));
        Assert.Contains("not rendered (remote chart", finding.Message);
    }
}
