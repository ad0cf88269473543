using GitOps.Build.GitOps;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.GitOps;

/// <summary>AppProjects are found wherever the repository keeps them, not only in the projects folder.</summary>
public class AppProjectDiscoveryTests
{
    private const string Project = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: shop
          namespace: argocd
        spec:
          sourceRepos: ['*']
          destinations:
            - server: https://kubernetes.default.svc
              namespace: '*'
        """;

    [Fact]
    public async Task A_project_in_its_own_folder_is_found_and_no_project_is_reported_missing()
    {
        using var repo = new RepoBuilder().RootApp()
            .Chart("charts/web")
            .File("project/shop.yaml", Project)
            // an example elsewhere that no Application uses is not taken for a project of this repository
            .File("docs/examples/other.yaml", Project.Replace("name: shop", "name: other"))
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web").Replace("project: default", "project: shop"))
            // a chart template that mentions the kind is Go template text, not a project
            .File("charts/web/templates/project.yaml", "{{- if .Values.project }}\nkind: AppProject\nmetadata: {name: {{ .Values.name }}}\n{{- end }}\n");

        var model = TestSession.Open(repo.Root, "bootstrap/root.yaml").Model;
        Assert.Equal(["shop"], model.Projects.Select(p => p.Name));
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        Assert.DoesNotContain(findings, f => f.RuleId == "CON-PROJECT-MISSING");
    }

    [Fact]
    public async Task A_project_no_file_defines_is_still_missing()
    {
        using var repo = new RepoBuilder().RootApp()
            .Chart("charts/web")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "charts/web").Replace("project: default", "project: shop"));
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        Assert.Contains(findings, f => f.RuleId == "CON-PROJECT-MISSING" && f.File == "argocd/apps/web.yaml");
    }
}
