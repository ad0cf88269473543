using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// Done-when: the checks work on a repository with another layout (charts under apps/&lt;name&gt;,
/// values under environments/&lt;env&gt;/, a vendored chart dependency, ../../ value file paths).
/// </summary>
public sealed class OtherLayoutTests
{
    private const string RootApp = "argocd/root.yaml";
    private const string EnvironmentsFile = "environments/environments.yaml";

    private static RepositoryCopy Fixture() =>
        RepositoryCopy.Of(Path.Combine(AppContext.BaseDirectory, "Fixtures", "checks", "other-layout"));

    private static Task<IReadOnlyList<Finding>> Check(RepositoryCopy repo) =>
        TestSession.CheckAsync(repo.Root, RootApp, environments: repo.PathOf(EnvironmentsFile));

    [Fact]
    public void TheModelResolvesChartsValueFilesAndEnvironments()
    {
        using var repo = Fixture();
        var model = TestSession.Open(repo.Root, RootApp, environments: EnvironmentsFile).Model;
        Assert.Empty(model.Problems);
        Assert.Equal(["root", "web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.Equal(["web"], model.Projects.Select(p => p.Name));
        var prod = Assert.Single(model.Units, u => u.Name == "web-prod");
        Assert.Equal("apps/web", model.Relative(prod.ChartPath!));
        Assert.Equal("environments/prod/web.yaml", model.Relative(Assert.Single(prod.ValueFiles).Path!));
        Assert.Equal("prod", prod.Environment);
    }

    [Fact]
    public async Task ItPassesEveryCheckIncludingTheVendoredDependency()
    {
        using var repo = Fixture();
        var findings = await Check(repo);
        Assert.True(findings.Count == 0, findings.Describe());
        var rendered = File.ReadAllText(repo.PathOf("artifacts/rendered/web-prod.yaml"));
        Assert.Contains("hello from prod", rendered); // the .tgz dependency rendered with the environment's values
    }

    [Fact]
    public async Task DefectsAreFoundInThisLayoutToo()
    {
        using var repo = Fixture();
        repo.Replace("environments/prod/web.yaml", "tag: v2.3.1", "tag: develop");
        repo.Replace("argocd/apps/project.yaml", "    - group: \"\"\n      kind: ConfigMap\n", "");
        repo.Write("environments/dev/db-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  PASSWORD: aHVudGVyMg==\n");
        repo.Replace("argocd/apps/web-prod.yaml", "  syncPolicy:\n", "  syncPolicy:\n    automated: {}\n");
        var findings = await Check(repo);

        Assert.Contains(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG" && f.File == "environments/prod/web.yaml" && f.RenderedFile == "artifacts/rendered/web-prod.yaml");
        // nothing deploys environments/dev/db-secret.yaml (web-dev reads only web.yaml there): not judged
        Assert.DoesNotContain(findings, f => f.File == "environments/dev/db-secret.yaml");
        Assert.Contains(findings, f => f.RuleId == "ENV-MANUAL-SYNC" && f.File == "argocd/apps/web-prod.yaml");
        var kind = Assert.Single(findings, f => f.RuleId == "CON-PROJECT-KIND" && f.RenderedFile == "artifacts/rendered/web-dev.yaml");
        // At the chart template that made it, named once.
        Assert.Equal("apps/web/charts/greeting/templates/configmap.yaml", kind.File);
        Assert.DoesNotContain("(from", kind.Message);
        Assert.DoesNotContain(findings, f => f.Message.Contains("hunter2") || f.Message.Contains("aHVudGVyMg=="));
    }

    [Fact]
    public async Task A_chart_path_written_with_a_trailing_slash_names_its_templates_without_a_double_slash()
    {
        using var repo = new RepoBuilder().RootApp()
            .Chart("charts/web")
            .File("charts/web/templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [{name: web, image: registry.example.org/web:1.0.0}]\n")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web/", "web"));
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        var root = Assert.Single(findings, f => f.RuleId == "POL-RUN-AS-NON-ROOT");
        Assert.Equal("charts/web/templates/pod.yaml", root.File);
    }
}
