using GitOps.Build.GitOps;

namespace GitOps.Build.Tests.GitOps;

public class RepositoryLoaderTests
{
    private static string App(string name, string source, string ns = "demo", string labels = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
        {labels}
        spec:
          project: default
        {source}
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        """;

    private static RepositoryModel Load(RepoBuilder repo) => RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));

    [Fact]
    public void This_repository_resolves_every_application_to_what_argo_cd_renders()
    {
        var root = TestTools.RepoRoot;
        var model = RepositoryLoader.Load(root, Path.Combine(root, "gitops/argocd/bootstrap/root-app.yaml"));
        Assert.Empty(model.Problems);
        var dev = model.Unit("ontu-schedule-bot-admin", "dev");
        Assert.NotNull(dev);
        Assert.Equal(Path.Combine(root, "charts/ontu-schedule-bot-admin"), dev.ChartPath);
        Assert.Equal("ontu-schedule-dev", dev.Namespace);
        Assert.Equal("ontu-schedule-bot-admin", dev.ReleaseName);
        Assert.Equal(Path.Combine(root, "gitops/apps/ontu-schedule-bot-admin/values-dev.yaml"), Assert.Single(dev.ValueFiles).Path);
        Assert.All(["dev", "staging", "prod"], env => Assert.NotNull(model.Unit("ontu-schedule-bot-admin", env)));
        var sealedSecrets = Assert.Single(model.Units, u => !u.IsLocal);
        Assert.Equal("sealed-secrets", sealedSecrets.RemoteChart);
        Assert.EndsWith("gitops/infrastructure/sealed-secrets/values.yaml", Assert.Single(sealedSecrets.ValueFiles).Path);
        Assert.Contains(model.Projects, p => p.Name == "ontu-schedule");
        Assert.Equal(["dev", "staging", "prod"], model.Environments.PromotionOrder);
    }

    [Fact]
    public void Value_files_resolve_relative_to_the_chart_path_and_release_name_defaults_to_the_app_name()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("apps/web/chart")
            .File("environments/dev/web.yaml", "greeting: hi\n")
            .File("argocd/apps/web-dev.yaml", App("web-dev", """
                  source:
                    repoURL: https://example.com/org/repo
                    path: apps/web/chart
                    helm:
                      valueFiles: [../../../environments/dev/web.yaml]
                """));
        var unit = Assert.Single(Load(repo).Units);
        Assert.Equal(repo.Path("environments/dev/web.yaml"), unit.ValueFiles[0].Path);
        Assert.True(unit.ValueFiles[0].Exists);
        Assert.Equal("web-dev", unit.ReleaseName);
        Assert.Equal("demo", unit.Namespace);
    }

    [Fact]
    public void A_missing_value_file_is_a_problem_unless_ignored()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("chart")
            .File("argocd/apps/a.yaml", App("a", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                    helm:
                      valueFiles: [missing.yaml]
                """))
            .File("argocd/apps/b.yaml", App("b", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                    helm:
                      ignoreMissingValueFiles: true
                      valueFiles: [missing.yaml]
                """));
        var model = Load(repo);
        var problem = Assert.Single(model.Problems);
        Assert.Equal("GITOPS-VALUES", problem.RuleId);
        Assert.Equal("argocd/apps/a.yaml", problem.File);
        Assert.Equal(12, problem.Line);
    }

    [Fact]
    public void A_loading_problem_about_an_Application_is_suppressed_by_its_annotation()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("chart")
            .File("argocd/apps/a.yaml", App("a", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                    helm:
                      valueFiles: [missing.yaml]
                """).Replace("  name: a\n", "  name: a\n  annotations: {checks.gitops.build/ignore-gitops-values: \"created by the release job\"}\n"))
            .File("argocd/apps/b.yaml", App("b", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                    helm:
                      valueFiles: [missing.yaml]
                """));
        var model = Load(repo);
        Assert.Equal(2, model.Problems.Count);
        var findings = global::GitOps.Build.Checks.Runner.CheckRunner.Run(model,
            new Dictionary<string, IReadOnlyList<global::GitOps.Build.Manifests.ManifestObject>>(), global::GitOps.Build.Checks.CheckOptions.Default);
        var left = Assert.Single(findings, f => f.RuleId == "GITOPS-VALUES");
        Assert.Equal("argocd/apps/b.yaml", left.File);
    }

    [Fact]
    public void Multiple_sources_resolve_values_through_a_ref()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("infra/values.yaml", "replicas: 2\n")
            .File("argocd/apps/remote.yaml", App("remote", """
                  sources:
                    - repoURL: https://charts.example.com
                      chart: thing
                      targetRevision: 1.2.3
                      helm:
                        valueFiles: [$values/infra/values.yaml]
                    - repoURL: https://example.com/org/repo.git
                      targetRevision: main
                      ref: values
                """));
        var model = Load(repo);
        Assert.Empty(model.Problems);
        var unit = Assert.Single(model.Units);
        Assert.False(unit.IsLocal);
        Assert.Equal(("thing", "1.2.3"), (unit.RemoteChart, unit.RemoteVersion));
        Assert.Equal(repo.Path("infra/values.yaml"), unit.ValueFiles[0].Path);
    }

    [Fact]
    public void A_chart_in_an_OCI_registry_may_carry_the_registry_path_in_its_name()
    {
        // Argo CD's Helm OCI form: no scheme on repoURL; the chart name holds the rest of the path.
        using var repo = new RepoBuilder()
            .RootApp()
            .File("argocd/apps/db.yaml", App("db", """
                  source:
                    repoURL: registry.example.com
                    chart: charts/postgres
                    targetRevision: 16.5.45
                """))
            .File("argocd/apps/index.yaml", App("index", """
                  source:
                    repoURL: https://charts.example.com
                    chart: charts/postgres
                    targetRevision: 1.0.0
                """))
            .File("argocd/apps/climb.yaml", App("climb", """
                  source:
                    repoURL: oci://registry.example.com
                    chart: charts/../../postgres
                    targetRevision: 1.0.0
                """));
        var model = Load(repo);
        var unit = Assert.Single(model.Units);
        Assert.Equal(("charts/postgres", "16.5.45"), (unit.RemoteChart, unit.RemoteVersion));
        // A chart repository's index names charts without a path, and a path never climbs.
        Assert.Equal(["argocd/apps/climb.yaml", "argocd/apps/index.yaml"],
            model.Problems.Where(p => p.RuleId == "GITOPS-NAME").Select(p => p.File).Order());

        var locator = new Build.Pipeline.ChartLocator(Build.Helm.HelmRunner.Standalone(), "helm", repo.Path(".cache/charts"), offline: true);
        Assert.Null(locator.Locate(unit, model, out var notRendered));
        Assert.Equal("REMOTE-CHART", notRendered!.RuleId);
        Assert.Contains("put charts_postgres-16.5.45.tgz in .cache/charts/registry.example.com/", notRendered.Message);
    }

    [Fact]
    public void A_value_file_from_another_repository_is_not_reported_missing_and_an_unknown_ref_once()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("chart")
            .File("argocd/apps/a.yaml", App("a", """
                  sources:
                    - repoURL: https://example.com/org/repo.git
                      path: chart
                      helm:
                        valueFiles: [$config/a.yaml, $nope/b.yaml]
                    - repoURL: https://example.com/org/config.git
                      ref: config
                """));
        var model = Load(repo);
        var problem = Assert.Single(model.Problems);
        Assert.Contains("names $nope", problem.Message);
        Assert.Equal([problem], Assert.Single(model.Units).Problems);
    }

    [Fact]
    public void Every_directory_source_of_an_application_deploys_its_objects()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("one/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
            .File("two/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
            .File("argocd/apps/plain.yaml", App("plain", """
                  sources:
                    - repoURL: https://example.com/org/repo.git
                      path: one
                    - repoURL: https://example.com/org/repo.git
                      path: two
                """));
        Assert.Equal(["a", "b"], Load(repo).DirectoryObjects["plain"].Select(o => o.Name));
    }

    [Fact]
    public void Inline_values_and_parameters_are_kept_in_argo_cd_order()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("chart")
            .File("argocd/apps/a.yaml", App("a", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                    helm:
                      releaseName: custom
                      valuesObject:
                        greeting: inline
                      parameters:
                        - name: image.tag
                          value: "1.0"
                          forceString: true
                """));
        var unit = Assert.Single(Load(repo).Units);
        Assert.Equal("custom", unit.ReleaseName);
        Assert.Contains("inline", unit.InlineValues);
        var parameter = Assert.Single(unit.Parameters);
        Assert.Equal(("image.tag", "1.0", true), (parameter.Name, parameter.Value, parameter.ForceString));
    }

    [Fact]
    public void Directory_sources_honour_recurse_include_and_exclude_and_nested_app_of_apps()
    {
        using var repo = new RepoBuilder()
            .RootApp("argocd", """
                    directory:
                      recurse: true
                      exclude: '{skip/*,*.json}'
                """)
            .Chart("chart")
            .File("argocd/team/a.yaml", App("a", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                """))
            .File("argocd/skip/b.yaml", App("b", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                """))
            .File("argocd/team/child-root.yaml", App("child-root", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: more
                """))
            .File("more/c.yaml", App("c", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                """));
        var model = Load(repo);
        Assert.Equal(["a", "c"], model.Units.Select(u => u.Name).Order());
        Assert.Contains(model.Applications, a => a.Name == "child-root");
    }

    [Fact]
    public void A_missing_source_path_names_the_application_file_and_line()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("argocd/apps/a.yaml", App("a", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: nowhere
                """));
        var problem = Assert.Single(Load(repo).Problems);
        Assert.Equal(("GITOPS-PATH", "argocd/apps/a.yaml", 10), (problem.RuleId, problem.File, problem.Line));
    }

    [Fact]
    public void A_missing_root_app_is_an_error_that_says_how_to_point_at_one()
    {
        using var repo = new RepoBuilder();
        var error = Assert.Throws<RepositoryException>(() => Load(repo));
        Assert.Contains("--root-app", error.Message);
    }

    [Fact]
    public void Environment_and_app_come_from_labels_or_the_environments_file()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("chart", "web")
            .File("gitops/environments.yaml", "promotion:\n  order: [dev, prod]\nenvironments:\n  dev: {namespace: web-dev, autoSync: true}\n  prod: {namespace: web-prod, immutableTags: true}\n")
            .File("argocd/apps/a.yaml", App("web-dev", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                """, ns: "web-dev"))
            .File("argocd/apps/b.yaml", App("web-live", """
                  source:
                    repoURL: https://example.com/org/repo.git
                    path: chart
                """, ns: "elsewhere", labels: "  labels:\n    environment: prod\n    app.kubernetes.io/name: website"));
        var model = Load(repo);
        Assert.Equal(("dev", "web"), (model.Units.Single(u => u.Name == "web-dev").Environment, model.Units.Single(u => u.Name == "web-dev").App));
        Assert.Equal(("prod", "website"), (model.Units.Single(u => u.Name == "web-live").Environment, model.Units.Single(u => u.Name == "web-live").App));
        Assert.True(model.Environments.Find("prod")!.ImmutableTags);
    }
}
