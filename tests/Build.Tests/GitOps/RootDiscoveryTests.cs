using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Tests.GitOps;

/// <summary>No root app given: a folder of Applications, or the repository itself, gives the roots.</summary>
public class RootDiscoveryTests
{
    private static RepoBuilder Repo() => new RepoBuilder()
        .Chart("charts/web")
        .File("envs/dev/web.yaml", RepoBuilder.Application("web-dev", "charts/web", ns: "shop-dev"))
        .File("envs/prod/web.yaml", RepoBuilder.Application("web-prod", "charts/web", ns: "shop-prod"));

    [Fact]
    public void Without_a_root_app_every_Application_in_the_repository_is_a_root()
    {
        using var repo = Repo();
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        Assert.Equal(["web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.Equal(2, model.Units.Count);
        Assert.Equal("https://example.com/org/repo.git", model.RepoUrl);
    }

    [Fact]
    public void A_folder_given_as_root_app_makes_each_of_its_Applications_a_root()
    {
        using var repo = Repo();
        var model = RepositoryLoader.Load(repo.Root, repo.Path("envs/prod"));
        Assert.Equal(["web-prod"], model.Applications.Select(a => a.Name));
    }

    [Fact]
    public void An_Application_deployed_by_another_is_followed_once()
    {
        using var repo = Repo().RootApp("envs/prod");
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        Assert.Equal(["root", "web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.Equal(1, model.Units.Count(u => u.Name == "web-prod"));
    }

    [Fact]
    public void Who_deploys_whom_is_recorded_also_for_an_Application_found_as_a_root_first()
    {
        // Found in the repository, web-prod is a root itself and also what root deploys: it is drawn under root.
        using var repo = Repo().RootApp("envs/prod");
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        Assert.Equal(new Dictionary<string, string> { ["web-prod"] = "root" }, model.DeployedBy);

        using var given = Repo().RootApp("envs/prod");
        Assert.Equal(new Dictionary<string, string> { ["web-prod"] = "root" }, RepositoryLoader.Load(given.Root, given.Path("bootstrap/root.yaml")).DeployedBy);
    }

    [Fact]
    public void An_overlay_folder_named_for_a_region_of_its_environment_is_not_the_apps_name()
    {
        using var repo = new RepoBuilder()
            .File("apps/web/base/kustomization.yaml", "resources: [cm.yaml]\n")
            .File("apps/web/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            .File("apps/web/envs/prod-eu/kustomization.yaml", "resources: [../../base]\n")
            .File("argocd/web-prod-eu.yaml", RepoBuilder.Application("web-prod-eu", "apps/web/envs/prod-eu", ns: "web-prod-eu"));
        var model = RepositoryLoader.Load(repo.Root, repo.Path("argocd"));
        var unit = Assert.Single(model.Units);
        Assert.Equal(("web", "prod"), (unit.App, unit.Environment));
    }

    [Fact]
    public void Two_different_Applications_of_one_name_are_reported_and_both_are_followed()
    {
        // An examples repository with two alternatives named alike: in a cluster they would be one object.
        using var repo = Repo().File("examples/web.yaml", RepoBuilder.Application("web-prod", "charts/web", ns: "elsewhere"));
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        var duplicate = Assert.Single(model.Problems, p => p.RuleId == "GITOPS-DUPLICATE-APPLICATION");
        Assert.Equal(Severity.Warning, duplicate.Severity);
        Assert.Contains("is defined here and in envs/prod/web.yaml", duplicate.Message);
        Assert.Equal("examples/web.yaml", duplicate.File);
        // Both definitions are followed: the first under its name, the other under a key naming its file.
        Assert.Equal([("web-prod", "shop-prod"), ("web-prod@examples_web", "elsewhere")],
            model.Applications.Where(a => a.Name == "web-prod").Select(a => (a.Key, a.DestinationNamespace)));
        Assert.Equal(["web-prod", "web-prod@examples_web"], model.Units.Where(u => u.Name == "web-prod").Select(u => u.Id).Order(StringComparer.Ordinal));

        // The same file reached twice (a root that another root deploys) is no duplicate.
        using var once = Repo().RootApp("envs/prod");
        Assert.DoesNotContain(RepositoryLoader.Load(once.Root, rootAppPath: null).Problems, p => p.RuleId == "GITOPS-DUPLICATE-APPLICATION");
    }

    [Fact]
    public void An_Application_fragment_a_kustomization_patches_in_is_not_a_root()
    {
        // Applications kept as a kustomize base with one overlay per environment that patches each
        // (patches and patchesStrategicMerge): the overlay's fragments have no project or destination.
        using var repo = Repo()
            .File("apps-config/base/kustomization.yaml", "resources:\n  - web.yaml\n")
            .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "shop"))
            .File("apps-config/overlays/dev/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: web.yaml\n")
            .File("apps-config/overlays/dev/web.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web-dev\n")
            .File("apps-config/overlays/prod/kustomization.yml", "resources:\n  - ../../base\npatchesStrategicMerge:\n  - web.yaml\n")
            .File("apps-config/overlays/prod/web.yaml", "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web-prod\n");
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        var web = Assert.Single(model.Applications, a => a.Name == "web");
        Assert.Equal(repo.Path("apps-config/base/web.yaml"), web.Manifest.File);
        Assert.DoesNotContain(model.Problems, p => p.RuleId == "GITOPS-PATH");
    }

    [Fact]
    public void An_unquoted_Go_template_of_an_Application_is_not_a_root()
    {
        // Test data a program fills in: {{.Name}} reads as a YAML mapping, not a name.
        using var repo = Repo().File("tests/data/app.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {{.Name}}\nspec:\n  project: {{.Project}}\n  source:\n    repoURL: {{.URL}}\n    path: x\n  destination:\n    server: https://kubernetes.default.svc\n");
        var model = RepositoryLoader.Load(repo.Root, rootAppPath: null);
        Assert.Equal(["web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.DoesNotContain(model.Problems, p => p.RuleId == "GITOPS-NAME");
    }

    [Fact]
    public void A_repository_without_Applications_says_how_to_name_one()
    {
        using var repo = new RepoBuilder().Chart("charts/web");
        var error = Assert.Throws<RepositoryException>(() => RepositoryLoader.Load(repo.Root, rootAppPath: null));
        Assert.Contains("--root-app=", error.Message);
    }

    [Fact]
    public void A_repository_whose_Applications_are_Jsonnet_is_told_so_and_how_to_render_them()
    {
        using var repo = new RepoBuilder()
            .File("lib/argo.libsonnet", "{ Application(name):: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: name } } }\n")
            .File("root.jsonnet", "local argo = import 'lib/argo.libsonnet';\n[argo.Application('web')]\n")
            .File("lib/util.libsonnet", "{ twice(x):: x + x }\n");
        var found = Assert.Throws<RepositoryException>(() => RepositoryLoader.Load(repo.Root, rootAppPath: null));
        Assert.Contains("look written in Jsonnet", found.Message);
        Assert.Contains("root.jsonnet", found.Message);
        Assert.DoesNotContain("libsonnet", found.Message); // libraries are not what to render
        Assert.Contains("pass --root-app=rendered/", found.Message);

        var named = Assert.Throws<RepositoryException>(() => RepositoryLoader.Load(repo.Root, repo.Path("root.jsonnet")));
        Assert.Contains("root.jsonnet: is Jsonnet, which Argo CD evaluates and this build does not run", named.Message);

        // Without Jsonnet, the message is as it was.
        using var plain = new RepoBuilder().Chart("charts/web");
        Assert.DoesNotContain("Jsonnet", Assert.Throws<RepositoryException>(() => RepositoryLoader.Load(plain.Root, rootAppPath: null)).Message);
    }

    [Fact]
    public void Roots_are_found_however_the_kind_is_written_in_YAML_or_JSON()
    {
        // What jsonnet -y writes (JSON documents in a YAML stream), a quoted kind, and a .json file.
        using var repo = new RepoBuilder()
            .Chart("charts/web")
            .File("rendered/root.yaml", """
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "one"}, "spec": {"project": "default", "source": {"repoURL": "https://example.com/org/repo.git", "path": "charts/web"}, "destination": {"server": "https://kubernetes.default.svc", "namespace": "one"}}}
                ---
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "two"}, "spec": {"project": "default", "source": {"repoURL": "https://example.com/org/repo.git", "path": "charts/web"}, "destination": {"server": "https://kubernetes.default.svc", "namespace": "two"}}}
                """)
            .File("rendered/three.json", """{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "three"}, "spec": {"project": "default", "source": {"repoURL": "https://example.com/org/repo.git", "path": "charts/web"}, "destination": {"server": "https://kubernetes.default.svc", "namespace": "three"}}}""")
            .File("apps/four.yaml", RepoBuilder.Application("four", "charts/web", "four").Replace("kind: Application", "kind: \"Application\""));
        Assert.Equal(["one", "three", "two"], RepositoryLoader.Load(repo.Root, repo.Path("rendered")).Applications.Select(a => a.Name).Order());
        Assert.Equal(["four", "one", "three", "two"], RepositoryLoader.Load(repo.Root, rootAppPath: null).Applications.Select(a => a.Name).Order());
    }
}
