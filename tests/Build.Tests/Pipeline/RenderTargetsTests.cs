using System.Text.Json.Nodes;
using GitOps.Build.Tasks;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>Lint, Template and Validate through the host with the report lifetime, as ./build.sh runs them.</summary>
[Collection(ConsoleCapture.Name)]
public class RenderTargetsTests
{
    private static RepoBuilder Repo(string helm, string name = "a") => new RepoBuilder().RootApp().Chart("chart")
        .File("values/a.yaml", "greeting: here\n")
        .File($"argocd/apps/{name}.yaml", RepoBuilder.Application(name, "chart", helm: helm));

    private static (int ExitCode, string Output) Run(RepoBuilder repo, Type[] tasks, params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.Run([.. tasks, typeof(ToolsTask)], host => host.UseContext<BuildContext>().UseLifetime<ReportLifetime>(),
            [$"--root={repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", "--no-cache", "--offline", .. args]);
        return (code, harness.Output);
    }

    [Fact]
    public void Lint_alone_fails_on_a_missing_value_file_and_names_it()
    {
        using var repo = Repo("      valueFiles: [../values/a.yaml, ../values/gone.yaml]");

        var (code, output) = Run(repo, [typeof(LintTask)], "--target=Lint");

        Assert.True(code == 1, output);
        Assert.Contains("GITOPS-VALUES", output);
        Assert.Contains("argocd/apps/a.yaml:11", output);
        Assert.Contains("values/gone.yaml", output);
    }

    [Fact]
    public void Validate_reports_a_missing_value_file_once_although_lint_and_template_refuse_the_unit()
    {
        using var repo = Repo("      valueFiles: [../values/gone.yaml]");

        var (code, output) = Run(repo, [typeof(LintTask), typeof(TemplateTask), typeof(ValidateTask)], "--target=Lint", "--target=Validate");

        Assert.True(code == 1, output);
        var findings = (JsonArray)JsonNode.Parse(File.ReadAllText(repo.Path("artifacts/reports/findings.json")))!["findings"]!;
        Assert.Single(findings, f => f!["rule"]?.ToString() == "GITOPS-VALUES");
        Assert.False(File.Exists(repo.Path("artifacts/rendered/a.yaml")));
    }

    [Fact]
    public void Validate_alone_renders_what_it_checks_and_says_so()
    {
        // A chart that renders a Deployment running as root: a finding only a rendered object can give.
        using var repo = Repo("      valueFiles: [../values/a.yaml]")
            .File("chart/templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "web:1.0.0", securityContext: {runAsUser: 0, privileged: true}}]
                """);

        var (code, output) = Run(repo, [typeof(TemplateTask), typeof(ValidateTask)], "--target=Validate", "--exclusive");

        Assert.True(code == 1, output);
        Assert.Contains("Template did not run (--exclusive); rendering the 1 units it would render first", output);
        Assert.Contains("1 rendered units", output);
        Assert.True(File.Exists(repo.Path("artifacts/rendered/a.yaml")), output);
        var report = JsonNode.Parse(File.ReadAllText(repo.Path("artifacts/reports/findings.json")))!;
        // Findings on the rendered Deployment (at its chart template, the rendered artifact related): Validate checked objects it rendered itself.
        Assert.Contains(((JsonArray)report["findings"]!), f => f!["file"]?.ToString() == "chart/templates/deployment.yaml"
            && f["rendered"]?["file"]?.ToString() == "artifacts/rendered/a.yaml" && f["rule"]!.ToString().StartsWith("POL-", StringComparison.Ordinal));
        Assert.Contains(((JsonArray)report["units"]!), u => u!["stage"]?.ToString() == "template" && u["unit"]?.ToString() == "a");
    }

    /// <summary>A root app over one ApplicationSet whose only git file is not an object: Argo CD generates nothing, and says why.</summary>
    private static RepoBuilder BrokenAppSet() => new RepoBuilder().RootApp("appsets")
        .File("clusters/web/config.yaml", "just text\n")
        .File("appsets/clusters.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: clusters
              namespace: argocd
            spec:
              generators:
              - git:
                  repoURL: https://example.com/org/repo.git
                  files:
                  - path: clusters/*/config.yaml
              template:
                metadata:
                  name: '{{path.basename}}'
                spec:
                  project: default
                  source: {repoURL: https://example.com/org/repo.git, path: '{{path}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: '{{path.basename}}'}
            """);

    [Theory]
    [InlineData("Template")]
    [InlineData("Lint")]
    public void A_target_that_reads_the_repository_reports_what_reading_found_even_when_nothing_is_rendered(string target)
    {
        using var repo = BrokenAppSet();

        var (code, output) = Run(repo, [typeof(LintTask), typeof(TemplateTask)], $"--target={target}");

        Assert.True(code == 1, output);
        ReportedFindings.Read(repo.Root).AssertReported("APPSET-INVALID", "appsets/clusters.yaml", 10, "clusters/web/config.yaml is a string");
        Assert.Contains("this repository: https://example.com/org/repo.git", output);
    }

    [Fact]
    public void Validate_after_template_reports_what_reading_found_once()
    {
        using var repo = BrokenAppSet();

        var (code, output) = Run(repo, [typeof(LintTask), typeof(TemplateTask), typeof(ValidateTask)], "--target=Lint", "--target=Validate");

        Assert.True(code == 1, output);
        Assert.Single(ReportedFindings.Read(repo.Root).All, f => f.Rule == "APPSET-INVALID");
    }
}
