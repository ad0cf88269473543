using System.Text.Json.Nodes;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// What the loader finds on an Application or ApplicationSet an app-of-apps chart or overlay renders
/// (a source path that does not exist, another repository, an ApplicationSet it cannot expand) names
/// the repository file that made the object, which code scanning can show on a pull request, with
/// the rendered artifact as the related location; before, every such finding named artifacts/rendered/.
/// </summary>
public sealed class RenderedApplicationLocationTests
{
    private static RepoBuilder ChartAppOfApps() => new RepoBuilder()
        .Chart("charts/web")
        .File("root.yaml", RepoBuilder.Application("apps", "charts/apps", ns: "argocd"))
        .File("charts/apps/Chart.yaml", "apiVersion: v2\nname: apps\nversion: 0.1.0\n")
        .File("charts/apps/values.yaml", "repo: https://example.com/org/repo.git\n")
        .File("charts/apps/templates/missing.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: missing
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: {{ .Values.repo }}
                path: charts/gone
              destination: {server: https://kubernetes.default.svc, namespace: web}
            """)
        .File("charts/apps/templates/elsewhere.yaml", """
            # another team's repository
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: elsewhere
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://example.com/other/team.git
                path: deploy
              destination: {server: https://kubernetes.default.svc, namespace: team}
            """)
        .File("charts/apps/templates/set.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: api
              namespace: argocd
            spec:
              generators: [{list: {elements: [{env: dev}]}}]
              template:
                metadata: {name: 'api-{{`{{env}}`}}'}
                spec:
                  project: default
                  source:
                    repoURL: {{ .Values.repo }}
                    path: 'api/{{`{{env}}`}}'
                  destination: {server: https://kubernetes.default.svc, namespace: api}
            """)
        .File("charts/apps/templates/broken-set.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: broken
              namespace: argocd
            spec:
              generators: [{list: {elements: [{env: dev}]}}]
            """);

    private static RepoBuilder KustomizeAppOfApps() => new RepoBuilder()
        .Chart("charts/web")
        .File("root.yaml", RepoBuilder.Application("apps", "apps-config/overlays/prod", ns: "argocd"))
        .File("apps-config/base/kustomization.yaml", "resources:\n  - web.yaml\n  - elsewhere.yaml\n")
        .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "web"))
        .File("apps-config/base/elsewhere.yaml", RepoBuilder.Application("elsewhere", "deploy", ns: "team")
            .Replace("https://example.com/org/repo.git", "https://example.com/other/team.git"))
        .File("apps-config/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: web.yaml\n")
        // The overlay points web at a folder that does not exist: the patch set the path, so the finding is there.
        .File("apps-config/overlays/prod/web.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web-prod\n");

    private static int LineOf(RepoBuilder repo, string file, string text) =>
        Array.FindIndex(File.ReadAllLines(repo.Path(file)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void Findings_on_Applications_and_ApplicationSets_a_chart_renders_name_its_templates()
    {
        using var repo = ChartAppOfApps();
        var problems = TestSession.Open(repo.Root, "root.yaml").Model.Problems;

        var path = Assert.Single(problems, p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/missing");
        Assert.Equal(("charts/apps/templates/missing.yaml", 10), (path.File, path.Line));
        Assert.Equal("source path 'charts/gone' does not exist in this repository", path.Message);
        // The artifact stays the related location, at the field as rendered.
        Assert.Equal("artifacts/rendered/apps.yaml", path.RenderedFile);
        Assert.True(path.RenderedLine > 0);

        var elsewhere = Assert.Single(problems, p => p.RuleId == "SOURCE-ELSEWHERE");
        Assert.Equal(("charts/apps/templates/elsewhere.yaml", 10, "artifacts/rendered/apps.yaml"), (elsewhere.File, elsewhere.Line, elsewhere.RenderedFile));

        // An Application the rendered ApplicationSet generates: at that ApplicationSet's template, where its path is written.
        var generated = Assert.Single(problems, p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/api-dev");
        Assert.Equal(("charts/apps/templates/set.yaml", 14, "artifacts/rendered/apps.yaml"), (generated.File, generated.Line, generated.RenderedFile));

        var invalid = Assert.Single(problems, p => p.RuleId == "APPSET-INVALID");
        Assert.Equal("charts/apps/templates/broken-set.yaml", invalid.File);
        Assert.Equal("artifacts/rendered/apps.yaml", invalid.RenderedFile);

        Assert.All(problems, p => Assert.False(p.File.StartsWith("artifacts/", StringComparison.Ordinal), p.Location));
    }

    [Fact]
    public void Findings_on_Applications_an_overlay_renders_name_the_resource_or_the_patch_that_set_the_field()
    {
        using var repo = KustomizeAppOfApps();
        var problems = TestSession.Open(repo.Root, "root.yaml").Model.Problems;

        var path = Assert.Single(problems, p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/web");
        Assert.Equal(("apps-config/overlays/prod/web.yaml", 7), (path.File, path.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", path.RenderedFile);

        var elsewhere = Assert.Single(problems, p => p.RuleId == "SOURCE-ELSEWHERE");
        Assert.Equal(("apps-config/base/elsewhere.yaml", LineOf(repo, "apps-config/base/elsewhere.yaml", "repoURL:")), (elsewhere.File, elsewhere.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", elsewhere.RenderedFile);
    }

    [Fact]
    public void Sarif_shows_the_repository_file_with_the_rendered_artifact_related()
    {
        using var repo = ChartAppOfApps();
        var model = TestSession.Open(repo.Root, "root.yaml").Model;
        var report = new RunReport();
        report.Record("validate", [new UnitOutcome("repository", UnitStatus.Failed, CheckRunner.LoadProblems(model), TimeSpan.Zero)]);

        var results = JsonNode.Parse(SarifReport.Build(report))!["runs"]![0]!["results"]!.AsArray();
        var path = results.Single(r => r!["ruleId"]!.GetValue<string>() == "GITOPS-PATH" && r["message"]!["text"]!.GetValue<string>().Contains("charts/gone"))!;
        var location = path["locations"]![0]!["physicalLocation"]!;
        Assert.Equal(("charts/apps/templates/missing.yaml", 10), (location["artifactLocation"]!["uri"]!.GetValue<string>(), location["region"]!["startLine"]!.GetValue<int>()));
        var related = path["relatedLocations"]![0]!["physicalLocation"]!;
        Assert.Equal("artifacts/rendered/apps.yaml", related["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.DoesNotContain(results, r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>().StartsWith("artifacts/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rendered_Applications_annotation_still_suppresses_what_the_loader_finds_on_it()
    {
        using var repo = ChartAppOfApps();
        repo.File("charts/apps/templates/missing.yaml", File.ReadAllText(repo.Path("charts/apps/templates/missing.yaml"))
            .Replace("  namespace: argocd\n", "  namespace: argocd\n  annotations: {checks.gitops.build/ignore-gitops-path: \"the chart lands next week\"}\n"));
        var model = TestSession.Open(repo.Root, "root.yaml").Model;
        Assert.Contains(model.Problems, p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/missing" && p.File == "charts/apps/templates/missing.yaml");
        Assert.DoesNotContain(CheckRunner.LoadProblems(model), p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/missing");
    }
}
