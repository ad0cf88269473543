using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.GitOps;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>The repository loader follows ApplicationSets: what they generate is read like any Application.</summary>
public sealed class LoaderApplicationSetTests
{
    private static string EnvAppSet(string env) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: {{{env}}}-apps
          namespace: argocd
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
          - git:
              repoURL: https://example.com/org/repo.git
              revision: HEAD
              directories:
              - path: apps/*/envs/{{{env}}}
          template:
            metadata:
              name: '{{index .path.segments 1}}-{{index .path.segments 3}}'
              labels:
                environment: {{{env}}}
            spec:
              project: default
              source:
                repoURL: https://example.com/org/repo.git
                targetRevision: HEAD
                path: '{{.path.path}}'
              destination:
                server: https://kubernetes.default.svc
                namespace: '{{index .path.segments 1}}-{{index .path.segments 3}}'
        """;

    private static RepoBuilder KustomizeLayout()
    {
        var repo = new RepoBuilder().RootApp("appsets");
        foreach (var app in new[] { "api", "web", "worker" })
        {
            repo.File($"apps/{app}/base/kustomization.yaml", "resources: [deployment.yaml]\n")
                .File($"apps/{app}/base/deployment.yaml", $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\n")
                .File($"apps/{app}/envs/dev/kustomization.yaml", "resources: [../../base]\n")
                .File($"apps/{app}/envs/prod/kustomization.yaml", "resources: [../../base]\n");
        }
        return repo.File("appsets/prod-appset.yml", EnvAppSet("prod")).File("appsets/dev-appset.yml", EnvAppSet("dev"));
    }

    [Fact]
    public void A_root_app_over_a_folder_of_application_sets_reaches_every_generated_application()
    {
        using var repo = KustomizeLayout();
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"), expander: AppSetFixture.WithHelm());
        Assert.Empty(model.Problems);
        Assert.Equal(["dev-apps", "prod-apps"], model.ApplicationSets.Select(s => s.Name).Order());
        var prod = model.ApplicationSets.Single(s => s.Name == "prod-apps");
        Assert.Equal(["api-prod", "web-prod", "worker-prod"], prod.Applications.Select(a => a.Name));
        Assert.Equal(["apps/api/envs/prod", "apps/web/envs/prod", "apps/worker/envs/prod"], prod.Applications.Select(a => a.Sources.Single().Path));
        Assert.All(prod.Applications, a => Assert.Same(prod.Manifest, a.GeneratedBy));
        Assert.All(prod.Applications, a => Assert.Contains(a, model.Applications));
        Assert.Equal(7, model.Applications.Count); // the root and six generated
        var web = model.Applications.Single(a => a.Name == "web-prod");
        Assert.Equal(("prod", "web-prod"), (web.EnvironmentLabel, web.DestinationNamespace));
        Assert.Equal("appsets/prod-appset.yml", model.Relative(web.Manifest.File));
        // Neither the ApplicationSets nor the generated Applications are plain manifests of the root app.
        Assert.DoesNotContain(model.DirectoryObjects["root"], o => o.Kind is "ApplicationSet" or "Application");
    }

    [Fact]
    public void Validate_checks_the_application_set_and_owns_the_generated_applications_by_its_deployer()
    {
        using var repo = KustomizeLayout();
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"), expander: AppSetFixture.WithHelm());
        var deployments = Deployments.Collect(model, new Dictionary<string, IReadOnlyList<Manifests.ManifestObject>>());
        var root = model.Applications.Single(a => a.Name == "root");
        Assert.Contains(deployments.ByApplication[root], o => o.Manifest.Kind == "ApplicationSet" && o.Manifest.Name == "prod-apps");
        Assert.Same(root, deployments.ApplicationTargets[model.Applications.Single(a => a.Name == "api-prod")].Application);

        var findings = CheckRunner.Run(model, new Dictionary<string, IReadOnlyList<Manifests.ManifestObject>>(), CheckOptions.Default);
        // (The overlays themselves are read as plain directories until Kustomize sources are rendered: not judged here.)
        var aboutAppSets = findings.Where(f => f.File.StartsWith("appsets/", StringComparison.Ordinal)).ToList();
        Assert.True(aboutAppSets.Count == 0, string.Join("\n", aboutAppSets));
    }

    [Fact]
    public void The_root_app_may_itself_be_an_application_set()
    {
        using var repo = KustomizeLayout();
        var model = RepositoryLoader.Load(repo.Root, repo.Path("appsets/prod-appset.yml"), expander: AppSetFixture.WithHelm());
        Assert.Empty(model.Problems);
        Assert.Null(model.RootApplication);
        Assert.Equal("https://example.com/org/repo.git", model.RepoUrl);
        Assert.Equal(["api-prod", "web-prod", "worker-prod"], model.Applications.Select(a => a.Name));
    }

    [Fact]
    public void Without_an_expander_go_template_sets_are_reported_and_helm_sources_of_fasttemplate_sets_become_units()
    {
        using var repo = new RepoBuilder()
            .RootApp("appsets")
            .Chart("charts/web", "web")
            .File("appsets/go.yaml", EnvAppSet("prod"))
            .File("appsets/list.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: web
                  namespace: argocd
                spec:
                  generators:
                  - list:
                      elements:
                      - env: dev
                      - env: prod
                  template:
                    metadata:
                      name: 'web-{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/org/repo.git
                        path: charts/web
                        helm:
                          valueFiles: ['values-{{env}}.yaml']
                          ignoreMissingValueFiles: true
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: 'web-{{env}}'
                """);
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var problem = Assert.Single(model.Problems);
        Assert.Equal(("APPSET-NOT-EXPANDED", "appsets/go.yaml", 7), (problem.RuleId, problem.File, problem.Line));
        Assert.Equal(["web-dev", "web-prod"], model.Units.Select(u => u.Name));
        var unit = model.Units.Single(u => u.Name == "web-prod");
        Assert.Equal(("web-prod", repo.Path("charts/web/values-prod.yaml")), (unit.Namespace, unit.ValueFiles.Single().Path));
    }
    private static string Manifests(string cluster, string ns = "argocd") => EnvAppSet(cluster)
        .Replace($"name: {cluster}-apps\n  namespace: argocd", $"name: manifests\n  namespace: {ns}")
        .Replace("'{{index .path.segments 1}}-{{index .path.segments 3}}'\n", $"'{cluster}-{{{{index .path.segments 1}}}}'\n");

    [Fact]
    public void Application_sets_of_one_name_from_one_root_are_an_error_and_from_separate_roots_a_warning()
    {
        // One ApplicationSet per cluster folder, all named manifests. Found as roots of their own, they collide only if
        // one Argo CD serves both (a warning); deployed by one root Application, they are one object in its Argo CD.
        using var roots = KustomizeLayout().File("appsets/prod-appset.yml", Manifests("prod")).File("appsets/dev-appset.yml", Manifests("dev"));
        File.Delete(roots.Path("bootstrap/root.yaml"));
        var separate = RepositoryLoader.Load(roots.Root, rootAppPath: null, expander: AppSetFixture.WithHelm());
        var warning = Assert.Single(separate.Problems, p => p.RuleId == "APPSET-DUPLICATE");
        Assert.Equal((global::GitOps.Build.Findings.Severity.Warning, 4), (warning.Severity, warning.Line));
        Assert.Contains("ApplicationSet 'manifests' (namespace argocd) is defined here and in appsets/", warning.Message);
        Assert.Contains("different roots", warning.Message);
        // Both are expanded.
        Assert.Equal(6, separate.Applications.Count);

        using var one = KustomizeLayout().File("appsets/prod-appset.yml", Manifests("prod")).File("appsets/dev-appset.yml", Manifests("dev"));
        var model = RepositoryLoader.Load(one.Root, one.Path("bootstrap/root.yaml"), expander: AppSetFixture.WithHelm());
        var error = Assert.Single(model.Problems, p => p.RuleId == "APPSET-DUPLICATE");
        Assert.Equal(global::GitOps.Build.Findings.Severity.Error, error.Severity);
        Assert.Contains("both are deployed from root", error.Message);

        // In two namespaces (Applications in any namespace) they are two objects.
        using var apart = KustomizeLayout().File("appsets/prod-appset.yml", Manifests("prod")).File("appsets/dev-appset.yml", Manifests("dev", "team-dev"));
        Assert.DoesNotContain(RepositoryLoader.Load(apart.Root, apart.Path("bootstrap/root.yaml"), expander: AppSetFixture.WithHelm()).Problems,
            p => p.RuleId == "APPSET-DUPLICATE");
    }
}
