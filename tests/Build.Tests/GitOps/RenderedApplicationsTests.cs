using System.Text.Json.Nodes;
using GitOps.Build.Checks.Runner;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// App-of-apps through Kustomize (Applications kept as a base with an overlay per cluster) and
/// through a Helm chart: Argo CD applies the Applications the source renders and follows them, and
/// so does the loader, with the overlay's patches applied.
/// </summary>
public sealed class RenderedApplicationsTests
{
    private static RepoBuilder KustomizeAppOfApps() => new RepoBuilder()
        .Chart("charts/web")
        .File("root.yaml", RepoBuilder.Application("apps", "apps-config/overlays/prod", ns: "argocd"))
        .File("apps-config/base/kustomization.yaml", "resources:\n  - web.yaml\n")
        .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "web"))
        .File("apps-config/overlays/prod/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: web.yaml\n")
        .File("apps-config/overlays/prod/web.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  destination:\n    namespace: web-prod\n");

    [Fact]
    public void Applications_a_kustomize_overlay_renders_are_followed_with_its_patches()
    {
        using var repo = KustomizeAppOfApps();
        var model = TestSession.Open(repo.Root, "root.yaml").Model;
        Assert.Equal(["apps", "web"], model.Applications.Select(a => a.Name).Order());
        // The patched Application, as Argo CD applies it, not the base file.
        Assert.Equal("web-prod", model.Applications.Single(a => a.Name == "web").DestinationNamespace);
        Assert.Contains(model.Units, u => u.Name == "web" && u.Namespace == "web-prod");
        // The overlay's patch fragment is not itself a root when the roots are found.
        var found = TestSession.Open(repo.Root).Model;
        Assert.DoesNotContain(found.Problems, p => p.RuleId is "SCHEMA-REQUIRED" or "GITOPS-PATH");
        // The base file, found as a root too, is the one Application the overlay renders (patched), not a second one.
        Assert.Equal("web-prod", Assert.Single(found.Applications, a => a.Name == "web").DestinationNamespace);
        Assert.Equal(["web-prod"], found.Units.Where(u => u.Name == "web").Select(u => u.Namespace));
        Assert.DoesNotContain(found.Problems, p => p.RuleId == "GITOPS-DUPLICATE-APPLICATION");
    }

    [Fact]
    public void An_ApplicationSet_found_as_a_root_and_rendered_by_an_app_of_apps_is_one_ApplicationSet_expanded_once()
    {
        using var repo = new RepoBuilder()
            .File("root.yaml", RepoBuilder.Application("root", "sets", ns: "argocd"))
            .File("sets/kustomization.yaml", "resources:\n  - web.yaml\n")
            .File("sets/web.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: web
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
                        path: manifests
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: 'web-{{env}}'
                """)
            .File("manifests/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");

        // The roots found in the repository: root, and the ApplicationSet's own file, which root renders too.
        var model = TestSession.Open(repo.Root).Model;

        var set = Assert.Single(model.ApplicationSets);
        Assert.Equal(("web", "root"), (set.Name, set.DeployedBy));
        Assert.Equal(["root", "web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.DoesNotContain(model.Problems, p => p.RuleId == "GITOPS-DUPLICATE-APPLICATION");
    }

    /// <summary>
    /// A cluster registration: a base of an AppProject and an ApplicationSet whose repoURL is a placeholder,
    /// and an overlay per cluster whose kustomize replacements fill it in from a ConfigMap (a public
    /// repository's shape). Argo CD applies what the overlay renders, never the base files by themselves.
    /// </summary>
    private static RepoBuilder Registration()
    {
        const string Url = "https://example.com/org/repo.git";
        return new RepoBuilder()
            .File("clusters/base/kustomization.yaml", "resources:\n  - project.yaml\n  - apps.yaml\n")
            .File("clusters/base/project.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: shop
                  namespace: argocd
                spec:
                  sourceRepos:
                    - https://registration.invalid/repo.git
                  destinations:
                    - {server: https://kubernetes.default.svc, namespace: '*'}
                """)
            .File("clusters/base/apps.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: apps
                  namespace: argocd
                spec:
                  generators:
                  - git:
                      repoURL: https://registration.invalid/repo.git
                      revision: HEAD
                      directories:
                      - path: apps/*
                  template:
                    metadata:
                      name: '{{path.basename}}'
                    spec:
                      project: shop
                      source:
                        repoURL: https://registration.invalid/repo.git
                        path: '{{path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{path.basename}}'
                """)
            .File("clusters/edge/kustomization.yaml", """
                resources:
                  - ../base
                  - registration.yaml
                replacements:
                  - source: {kind: ConfigMap, name: registration, fieldPath: data.repoURL}
                    targets:
                      - select: {kind: AppProject, name: shop}
                        fieldPaths: [spec.sourceRepos.0]
                      - select: {kind: ApplicationSet, name: apps}
                        fieldPaths: [spec.generators.0.git.repoURL, spec.template.spec.source.repoURL]
                """)
            .File("clusters/edge/registration.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: registration\n  namespace: argocd\ndata:\n  repoURL: {Url}\n")
            .File("clusters/edge/root.yaml", RepoBuilder.Application("root", "clusters/edge", ns: "argocd"))
            .File("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            // A live copy kept as evidence (kubectl get -o json): what a cluster held, not a root anyone applies.
            .File("evidence/web-application.json", """
                {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
                 "metadata": {"name": "web-old", "namespace": "argocd", "uid": "0b7c", "resourceVersion": "4711"},
                 "spec": {"project": "shop", "source": {"repoURL": "http://10.0.0.4:8080/repo.git", "path": "apps/web"},
                          "destination": {"server": "https://kubernetes.default.svc", "namespace": "web"}},
                 "status": {"sync": {"status": "Synced"}}}
                """);
    }

    [Fact]
    public async Task A_base_the_cluster_overlay_fills_in_is_judged_as_the_overlay_renders_it()
    {
        using var repo = Registration();
        var model = TestSession.Open(repo.Root).Model;
        // The base ApplicationSet file, found as a root, is the one the overlay renders (with the real repoURL):
        // expanded once, from this repository, with no placeholder repository to report and no second ApplicationSet.
        Assert.Equal(["apps"], model.ApplicationSets.Select(s => s.Name));
        Assert.Equal(["root", "web"], model.Applications.Select(a => a.Name).Order());
        Assert.DoesNotContain(model.Problems, p => p.RuleId is "APPSET-NOT-EXPANDED" or "APPSET-DUPLICATE");
        // The AppProject as the overlay renders it allows the repository: no CON-PROJECT-SOURCE.
        Assert.Equal(["https://example.com/org/repo.git"], model.Project("shop")!.Manifest.At("/spec/sourceRepos")!.AsArray().Select(n => n!.ToString()));
        // Found at the file kustomize made it from, which the reader can open, the rendered artifact related.
        var at = new SourceFiles(model).Locate(model.Project("shop")!.Manifest, "/spec/sourceRepos");
        Assert.Equal(("clusters/base/project.yaml", 7, "artifacts/rendered/root.yaml"), (at.File, at.Line, at.RenderedFile));
        // The live copy under evidence/ is no root: its old repository is never reported.
        Assert.DoesNotContain(model.Applications, a => a.Name == "web-old");
        Assert.DoesNotContain(await TestSession.CheckAsync(repo.Root, rootApp: null), f => f.RuleId == "CON-PROJECT-SOURCE");
    }

    [Fact]
    public void Without_a_renderer_nothing_is_rendered_while_loading()
    {
        using var repo = KustomizeAppOfApps();
        var model = RepositoryLoader.Load(repo.Root, repo.Path("root.yaml"));
        Assert.Equal(["apps"], model.Applications.Select(a => a.Name));
    }

    [Fact]
    public void Applications_an_app_of_apps_chart_renders_are_followed()
    {
        using var repo = new RepoBuilder()
            .Chart("charts/web")
            .File("root.yaml", RepoBuilder.Application("apps", "charts/apps", ns: "argocd"))
            .File("charts/apps/Chart.yaml", "apiVersion: v2\nname: apps\nversion: 0.1.0\n")
            .File("charts/apps/values.yaml", "envs: [dev, prod]\n")
            .File("charts/apps/templates/apps.yaml", """
                {{- range .Values.envs }}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web-{{ . }}
                  namespace: argocd
                spec:
                  project: default
                  source: {repoURL: https://example.com/org/repo.git, path: charts/web}
                  destination: {server: https://kubernetes.default.svc, namespace: web-{{ . }}}
                {{- end }}
                """);
        var model = TestSession.Open(repo.Root, "root.yaml").Model;
        Assert.Equal(["apps", "web-dev", "web-prod"], model.Applications.Select(a => a.Name).Order());
        Assert.Equal(3, model.Units.Count);
    }

    [Fact]
    public void The_AppProject_an_app_of_apps_chart_renders_is_the_project_of_its_Applications()
    {
        // A project chart (a public repository's shape): the AppProject beside the Applications in templates/, its
        // sourceRepos from values. Before, no project was known ("the repository defines none", one warning per Application).
        using var repo = new RepoBuilder()
            .Chart("charts/web")
            .File("root.yaml", RepoBuilder.Application("apps", "charts/apps", ns: "argocd"))
            .File("charts/apps/Chart.yaml", "apiVersion: v2\nname: apps\nversion: 0.1.0\n")
            .File("charts/apps/values.yaml", "repo: https://example.com/org/repo.git\n")
            .File("charts/apps/templates/project.yaml", TeamProject.Replace("['https://example.com/org/repo.git']", "[{{ .Values.repo }}]"))
            .File("charts/apps/templates/web.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  namespace: argocd
                spec:
                  project: team
                  source: {repoURL: {{ .Values.repo }}, path: charts/web}
                  destination: {server: https://kubernetes.default.svc, namespace: web}
                """);
        var model = TestSession.Open(repo.Root, "root.yaml").Model;
        var project = Assert.Single(model.Projects);
        Assert.Equal(("team", "charts/apps/templates/project.yaml"), (project.Name, new SourceFiles(model).Locate(project.Manifest, "").File));
        Assert.True(project.AllowsSource("https://example.com/org/repo.git"));
    }

    [Fact]
    public void An_overlay_that_reads_beside_its_folder_builds_with_the_configured_load_restrictor()
    {
        // Argo CD's argocd-cm may set kustomize.buildOptions: --load-restrictor LoadRestrictionsNone.
        using var repo = new RepoBuilder()
            .Chart("charts/web")
            .File("root.yaml", RepoBuilder.Application("apps", "appsets/prod", ns: "argocd"))
            .File("appsets/base-app.yaml", RepoBuilder.Application("web", "charts/web", ns: "web"))
            .File("appsets/prod/kustomization.yaml", "resources:\n  - ../base-app.yaml\n");
        Assert.Equal(["apps"], TestSession.Open(repo.Root, "root.yaml").Model.Applications.Select(a => a.Name));
        repo.File("gitops-build.yaml", "argocd:\n  kustomize:\n    loadRestrictor: LoadRestrictionsNone\n");
        Assert.Equal(["apps", "web"], TestSession.Open(repo.Root, "root.yaml").Model.Applications.Select(a => a.Name).Order());
    }

    [Fact]
    public async Task Findings_on_Applications_and_ApplicationSets_a_chart_or_overlay_renders_name_the_file_that_made_them()
    {
        using var repo = KustomizeAppOfApps()
            // an unknown field in the base's Application, which the overlay renders (patched) for Argo CD
            .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "web").Replace("spec:\n", "spec:\n  syncPolcy: {}\n"))
            .File("root-sets.yaml", RepoBuilder.Application("sets", "charts/sets", ns: "argocd"))
            .File("charts/sets/Chart.yaml", "apiVersion: v2\nname: sets\nversion: 0.1.0\n")
            .File("charts/sets/templates/set.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: api
                  namespace: argocd
                spec:
                  generators: [{list: {elements: [{env: dev}]}}]
                  syncPolcy: {}
                  template:
                    metadata: {name: 'api-{{`{{env}}`}}'}
                    spec:
                      project: default
                      source: {repoURL: https://example.com/org/repo.git, path: charts/web}
                      destination: {server: https://kubernetes.default.svc, namespace: api}
                """);
        var findings = await TestSession.CheckAsync(repo.Root, rootApp: null);

        var app = Assert.Single(findings, f => f.RuleId == "SCHEMA-UNKNOWN-FIELD" && f.Object == "Application/web");
        Assert.Equal(("apps-config/base/web.yaml", 6), (app.File, app.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", app.RenderedFile);
        var set = Assert.Single(findings, f => f.RuleId == "SCHEMA-UNKNOWN-FIELD" && f.Object.StartsWith("ApplicationSet/", StringComparison.Ordinal));
        Assert.Equal(("charts/sets/templates/set.yaml", 8), (set.File, set.Line));
        Assert.Equal("artifacts/rendered/sets.yaml", set.RenderedFile);
    }

    /// <summary>
    /// Findings the renderers make on an Application an overlay renders (a plugin source not run here, a schema
    /// violation its inline values set) are placed as every finding on it: at the file that made it, the artifact related.
    /// </summary>
    [Fact]
    public async Task Render_findings_on_an_Application_an_overlay_renders_name_the_file_that_made_it()
    {
        using var repo = KustomizeAppOfApps()
            .File("charts/web/values.schema.json", """{"type": "object", "properties": {"replicas": {"type": "integer"}}}""")
            .File("apps-config/base/kustomization.yaml", "resources:\n  - web.yaml\n  - cmp.yaml\n")
            .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "web", helm: "      valuesObject:\n        replicas: many"))
            .File("apps-config/base/cmp.yaml", RepoBuilder.Application("cmp", "charts/web", ns: "cmp").Replace("    path: charts/web\n", "    path: charts/web\n    plugin:\n      name: cmp\n"));
        var session = TestSession.Open(repo.Root, "root.yaml");
        var (outcomes, _) = await new TemplateStage(session.Renderer, 1).RunAsync(session.Model.Units);
        var findings = outcomes.SelectMany(o => o.Findings).ToList();

        var schema = findings.Where(f => f.RuleId == "HELM-SCHEMA" && f.Object == "Application/web").ToList();
        Assert.NotEmpty(schema);
        var replicasLine = File.ReadAllLines(repo.Path("apps-config/base/web.yaml")).ToList().FindIndex(l => l.Trim() == "replicas: many") + 1;
        Assert.All(schema, f => Assert.Equal(("apps-config/base/web.yaml", replicasLine, "artifacts/rendered/apps.yaml"), (f.File, f.Line, f.RenderedFile)));
        var plugin = Assert.Single(findings, f => f.RuleId == "SOURCE-NOT-RENDERED" && f.Object == "Application/cmp");
        var pluginLine = File.ReadAllLines(repo.Path("apps-config/base/cmp.yaml")).ToList().FindIndex(l => l.Trim() == "plugin:") + 1;
        Assert.Equal(("apps-config/base/cmp.yaml", pluginLine, "artifacts/rendered/apps.yaml"), (plugin.File, plugin.Line, plugin.RenderedFile));
    }

    // An AppProject an app-of-apps chart or overlay renders: a finding on it (a whitelist entry without its group)
    // names the template or resource at the field, the artifact related, once (before: a second one at the
    // artifact's line in the template file); a finding its Application gets from it names the project's field
    // there (before: the file alone).

    private const string TeamProject = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata:
          name: team
          namespace: argocd
        spec:
          sourceRepos: ['https://example.com/org/repo.git']
          destinations:
            - {server: https://kubernetes.default.svc, namespace: web}
          clusterResourceWhitelist:
            - kind: Namespace
        """;

    [Fact]
    public async Task Findings_on_an_AppProject_a_chart_renders_name_its_template_at_the_field()
    {
        using var repo = new RepoBuilder()
            .Chart("charts/web")
            .File("root.yaml", RepoBuilder.Application("apps", "charts/apps", ns: "argocd"))
            .File("charts/apps/Chart.yaml", "apiVersion: v2\nname: apps\nversion: 0.1.0\n")
            .File("charts/apps/templates/project.yaml", TeamProject)
            .File("charts/apps/templates/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "db").Replace("project: default", "project: team")
                .Replace("metadata:\n", "metadata:\n  namespace: argocd\n"));
        var findings = await TestSession.CheckAsync(repo.Root, "root.yaml");

        var entry = Assert.Single(findings, f => f.RuleId == "SCHEMA-REQUIRED" && f.Object.Contains("team", StringComparison.Ordinal));
        Assert.Equal(("charts/apps/templates/project.yaml", LineOf(repo, "charts/apps/templates/project.yaml", "clusterResourceWhitelist:")), (entry.File, entry.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", entry.RenderedFile);
        Assert.Equal("- kind: Namespace", File.ReadAllLines(repo.Path(entry.RenderedFile!))[entry.RenderedLine - 1].Trim());

        var destination = Assert.Single(findings, f => f.RuleId == "CON-PROJECT-DESTINATION");
        Assert.Equal(("charts/apps/templates/web.yaml", "artifacts/rendered/apps.yaml"), (destination.File, destination.RenderedFile));
        Assert.Contains($"project team (charts/apps/templates/project.yaml:{LineOf(repo, "charts/apps/templates/project.yaml", "destinations:")})", destination.Message);
        Assert.All(findings, f => Assert.False(f.File.StartsWith("artifacts/", StringComparison.Ordinal), f.Location));
    }

    [Fact]
    public async Task Findings_on_an_AppProject_an_overlay_renders_name_its_resource_at_the_field()
    {
        using var repo = KustomizeAppOfApps()
            .File("apps-config/base/kustomization.yaml", "resources:\n  - project.yaml\n  - web.yaml\n")
            .File("apps-config/base/project.yaml", TeamProject)
            .File("apps-config/base/web.yaml", RepoBuilder.Application("web", "charts/web", ns: "web").Replace("project: default", "project: team"));
        var findings = await TestSession.CheckAsync(repo.Root, "root.yaml");

        var entry = Assert.Single(findings, f => f.RuleId == "SCHEMA-REQUIRED" && f.Object.Contains("team", StringComparison.Ordinal));
        Assert.Equal(("apps-config/base/project.yaml", LineOf(repo, "apps-config/base/project.yaml", "- kind: Namespace")), (entry.File, entry.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", entry.RenderedFile);

        // The overlay's patch moves web to web-prod, which the project does not allow: at the patch, the project's destinations named.
        var destination = Assert.Single(findings, f => f.RuleId == "CON-PROJECT-DESTINATION");
        Assert.Equal(("apps-config/overlays/prod/web.yaml", "artifacts/rendered/apps.yaml"), (destination.File, destination.RenderedFile));
        Assert.Contains($"project team (apps-config/base/project.yaml:{LineOf(repo, "apps-config/base/project.yaml", "destinations:")})", destination.Message);
        Assert.All(findings, f => Assert.False(f.File.StartsWith("artifacts/", StringComparison.Ordinal), f.Location));
    }

    [Fact]
    public void The_run_limit_met_on_an_Application_a_rendered_ApplicationSet_generates_names_that_ApplicationSets_template()
    {
        // The chart's ApplicationSet alone, generating three Applications, past a limit of two (the root and one of them).
        using var repo = ChartAppOfApps();
        foreach (var other in new[] { "missing", "elsewhere", "broken-set" }) File.Delete(repo.Path($"charts/apps/templates/{other}.yaml"));
        repo.File("charts/apps/templates/set.yaml", File.ReadAllText(repo.Path("charts/apps/templates/set.yaml"))
            .Replace("[{env: dev}]", "[{env: dev}, {env: test}, {env: prod}]"));
        var problems = TestSession.Open(repo.Root, "root.yaml", maxApplications: 2).Model.Problems;

        var limit = Assert.Single(problems, p => p.RuleId == "GITOPS-LIMIT");
        Assert.StartsWith("Application/api-", limit.Object);
        Assert.Equal(("charts/apps/templates/set.yaml", LineOf(repo, "charts/apps/templates/set.yaml", "template:")), (limit.File, limit.Line));
        Assert.Equal("artifacts/rendered/apps.yaml", limit.RenderedFile);
    }

    // What the loader finds on an Application or ApplicationSet an app-of-apps chart or overlay renders
    // (a source path that does not exist, another repository, an ApplicationSet it cannot expand) names the
    // repository file that made the object, which code scanning can show on a pull request, with the rendered
    // artifact as the related location; before, every such finding named artifacts/rendered/.

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

    /// <summary>
    /// <see cref="KustomizeAppOfApps"/> with a second Application from another repository in the base, and the
    /// overlay's patch pointing web at a folder that does not exist: the patch set the path, so the finding is there.
    /// </summary>
    private static RepoBuilder KustomizeAppOfAppsWithProblems() => KustomizeAppOfApps()
        .File("apps-config/base/kustomization.yaml", "resources:\n  - web.yaml\n  - elsewhere.yaml\n")
        .File("apps-config/base/elsewhere.yaml", RepoBuilder.Application("elsewhere", "deploy", ns: "team")
            .Replace("https://example.com/org/repo.git", "https://example.com/other/team.git"))
        .File("apps-config/overlays/prod/web.yaml",
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: charts/web-prod\n");

    private static int LineOf(RepoBuilder repo, string file, string text) =>
        Array.FindIndex(File.ReadAllLines(repo.Path(file)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public async Task Findings_on_Applications_and_ApplicationSets_a_chart_renders_name_its_templates()
    {
        using var repo = ChartAppOfApps();
        var session = TestSession.Open(repo.Root, "root.yaml");
        var problems = session.Model.Problems;

        var path = Assert.Single(problems, p => p.RuleId == "GITOPS-PATH" && p.Object == "Application/missing");
        Assert.Equal(("charts/apps/templates/missing.yaml", 10), (path.File, path.Line));
        Assert.Equal("source path 'charts/gone' does not exist in this repository", path.Message);
        // The artifact stays the related location, at the field as rendered (the Template stage writes it).
        Assert.Equal("artifacts/rendered/apps.yaml", path.RenderedFile);
        await TestSession.RenderAsync(session);
        Assert.Equal("path: charts/gone", File.ReadAllLines(repo.Path(path.RenderedFile!))[path.RenderedLine - 1].Trim());

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
        using var repo = KustomizeAppOfAppsWithProblems();
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
