using GitOps.Build.GitOps;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Directory sources read as Argo CD's repo-server reads them, and Applications the build cannot
/// render named rather than dropped (shapes found in public repositories).
/// </summary>
public sealed class DirectorySourceShapesTests
{
    [Fact]
    public void Files_that_are_not_objects_and_do_not_look_like_manifests_are_skipped_as_Argo_CD_skips_them()
    {
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "deploy/web"))
            .File("deploy/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: b\n")
            // a values file next to the manifests: no kind, nothing that looks like a manifest
            .File("deploy/web/values.yaml", "replicaCount: 2\nimage:\n  tag: v1\n")
            // a tool's config that is not even YAML objects
            .File("deploy/web/config.yml", "- just\n- a list\n")
            // looks like a manifest (apiVersion:, kind:, metadata:) but one document has no kind: Argo CD fails it
            .File("deploy/web/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nmetadata:\n  name: nokind\n");

        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var objects = model.DirectoryObjects["web"];
        Assert.Equal(["nokind", "ok", "web"], objects.Select(o => o.Name).Order());
        Assert.DoesNotContain(objects, o => o.File.EndsWith("values.yaml", StringComparison.Ordinal) || o.File.EndsWith("config.yml", StringComparison.Ordinal));
        Assert.DoesNotContain(model.Problems, p => p.File.Contains("values.yaml") || p.File.Contains("config.yml"));
    }

    [Fact]
    public void A_ref_source_with_a_path_deploys_its_manifests_but_not_its_values_files()
    {
        using var repo = new RepoBuilder().RootApp()
            .Chart("charts/web", "web")
            .File("argocd/apps/web.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                spec:
                  project: default
                  sources:
                    - repoURL: https://example.com/org/repo.git
                      path: charts/web
                      helm:
                        valueFiles: [$values/env/prod/values.yaml]
                    - repoURL: https://example.com/org/repo.git
                      ref: values
                      path: env/prod
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: web
                """)
            .File("env/prod/values.yaml", "greeting: hi\n")
            .File("env/prod/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        Assert.Equal(["extra"], model.DirectoryObjects["web"].Select(o => o.Name));
        Assert.DoesNotContain(model.Problems, p => p.Severity == global::GitOps.Build.Findings.Severity.Error);
    }

    [Fact]
    public void An_Application_whose_source_is_another_repository_is_named_not_dropped()
    {
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/elsewhere.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: elsewhere
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/other/manifests.git
                    path: deploy
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: web
                """);

        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var finding = Assert.Single(model.Problems, p => p.RuleId == "SOURCE-ELSEWHERE");
        Assert.Equal("argocd/apps/elsewhere.yaml", finding.File);
        Assert.True(finding.Line > 1);
        Assert.Contains("https://example.com/other/manifests.git", finding.Message);
    }

    [Fact]
    public void An_Application_found_as_a_file_and_again_in_what_its_parent_renders_is_one_Application()
    {
        using var repo = new RepoBuilder()
            .File("argocd/root.yaml", RepoBuilder.Application("root", "argocd/apps", "argocd"))
            .File("argocd/apps/kustomization.yaml", "resources: [web.yaml]\n")
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "deploy/web"))
            .File("deploy/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");

        // no root named: every Application file is a root, and root's kustomization renders web.yaml again
        var model = TestSession.Open(repo.Root).Model;
        Assert.Single(model.Applications, a => a.Name == "web");
        Assert.DoesNotContain(model.Problems, p => p.RuleId == "GITOPS-DUPLICATE-APPLICATION");
    }

    [Fact]
    public async Task Two_different_Applications_of_one_name_are_both_followed_and_checked()
    {
        // Two clusters' roots define an Application "web" each, deploying different subtrees; the second
        // subtree holds a real error. Argo CD would keep one object per namespace, but both are in the repository.
        using var repo = new RepoBuilder()
            .File("clusters/a/web.yaml", RepoBuilder.Application("web", "deploy/a"))
            .File("clusters/b/web.yaml", RepoBuilder.Application("web", "deploy/b/overlay"))
            .File("deploy/a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: b\n")
            .File("deploy/b/overlay/kustomization.yaml", "resources: [../base]\n")
            .File("deploy/b/base/kustomization.yaml", "resources: [deployment.yaml]\n")
            // no spec.selector: the API server refuses it
            .File("deploy/b/base/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "web:1.0.0"}]
                """);

        var session = TestSession.Open(repo.Root);
        var webs = session.Model.Applications.Where(a => a.Name == "web").ToList();
        Assert.Equal(["web", "web@clusters_b_web"], webs.Select(a => a.Key));
        // Unit ids: the plain name for the first, a readable disambiguator only for the one whose name collides.
        Assert.Equal(["web", "web@clusters_b_web"], session.Model.Units.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["web"], session.Model.DirectoryObjects["web"].Select(o => o.Name));

        var findings = await TestSession.CheckAsync(repo.Root, rootApp: null);
        var duplicate = Assert.Single(findings, f => f.RuleId == "GITOPS-DUPLICATE-APPLICATION");
        Assert.Equal("clusters/b/web.yaml", duplicate.File);
        Assert.Contains("clusters/a/web.yaml:", duplicate.Message);
        Assert.Contains(findings, f => f.RuleId == "SCHEMA-REQUIRED" && f.File == "deploy/b/base/deployment.yaml" && f.Severity == global::GitOps.Build.Findings.Severity.Error);
        Assert.True(File.Exists(repo.Path("artifacts/rendered/web.yaml")));
        Assert.True(File.Exists(repo.Path("artifacts/rendered/web@clusters_b_web.yaml")));
    }

    [Fact]
    public async Task Scans_judge_what_Applications_deploy_and_a_committed_Secret_once()
    {
        const string secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  PASSWORD: hunter2\n";
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "deploy/web"))
            .File("argocd/apps/api.yaml", RepoBuilder.Application("api", "deploy/api/overlay"))
            .File("deploy/web/secret.yaml", secret)
            .File("deploy/api/overlay/kustomization.yaml", "resources: [secret.yaml]\n")
            .File("deploy/api/overlay/secret.yaml", secret.Replace("name: db", "name: api-db"))
            // a placeholder nothing includes: no kustomization lists it, no directory source reads it
            .File("deploy/api/overlay/placeholder/secret.yaml", secret.Replace("name: db", "name: placeholder"))
            .File("deploy/api/overlay/placeholder/sealed.yaml",
                "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: placeholder\nspec:\n  encryptedData:\n    PASSWORD: <seal me>\n");

        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");
        var plaintext = findings.Where(f => f.RuleId == "CON-PLAINTEXT-SECRET").ToList();
        Assert.Equal(2, plaintext.Count);
        Assert.Single(plaintext, f => f.Object.Contains("Secret/") && f.Message.Contains("Secret db "));
        Assert.Single(plaintext, f => f.Message.Contains("Secret api-db "));
        Assert.DoesNotContain(findings, f => f.File.Contains("placeholder"));
    }

    [Fact]
    public async Task A_directory_source_is_a_unit_written_to_artifacts_rendered()
    {
        using var repo = new RepoBuilder().RootApp()
            .File("argocd/apps/web.yaml", RepoBuilder.Application("web", "deploy/web"))
            .File("deploy/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            .File("deploy/web/values.yaml", "replicaCount: 2\n");
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var model = session.Model;
        var unit = Assert.Single(model.Units, u => u.Id == "web");
        Assert.Equal(SourceKind.Directory, unit.Kind);

        var rendered = await new global::GitOps.Build.Pipeline.TemplateStage(session.Renderer, 1).RunAsync(model.Units);
        Assert.Equal("rendered 1 objects", Assert.Single(rendered.Outcomes, o => o.Unit == "web").StatusText);
        var text = File.ReadAllText(repo.Path("artifacts/rendered/web.yaml"));
        Assert.StartsWith("# Source: deploy/web/cm.yaml\n", text);
        Assert.DoesNotContain("replicaCount", text); // a file Argo CD skips is not part of what it deploys
        // the objects keep their repository file, so findings on them point there
        Assert.EndsWith("deploy/web/cm.yaml", rendered.ByUnit["web"].Single().File);
    }

    [Fact]
    public void A_root_Application_of_another_repository_is_not_taken_for_this_one()
    {
        // The roots found: ApplicationSets whose repoURL comes from cluster annotations, and one Application
        // that deploys a path of another repository. Nothing says which URL this checkout is.
        using var repo = new RepoBuilder()
            .File("bootstrap/addons.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: addons, namespace: argocd}
                spec:
                  generators: [{clusters: {}}]
                  template:
                    metadata: {name: 'addons-{{name}}'}
                    spec:
                      project: default
                      source: {repoURL: '{{metadata.annotations.addons_repo_url}}', path: addons}
                      destination: {server: '{{server}}', namespace: addons}
                """)
            .File("addons/state-reconciler.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: state-reconciler, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: https://example.com/org/platform-state, targetRevision: main, path: clusters/the-cluster}
                  destination: {server: https://kubernetes.default.svc, namespace: platform}
                """)
            .File("bootstrap/more.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: more, namespace: argocd}
                spec:
                  generators: [{clusters: {}}]
                  template:
                    metadata: {name: 'more-{{name}}'}
                    spec:
                      project: default
                      source: {repoURL: '{{metadata.annotations.repo}}', path: more}
                      destination: {server: '{{server}}', namespace: more}
                """);

        var model = RepositoryLoader.Load(repo.Root, []);
        Assert.DoesNotContain(model.Problems, p => p.RuleId == "GITOPS-PATH");
        Assert.Contains(model.Problems, p => p.RuleId == "SOURCE-ELSEWHERE" && p.File == "addons/state-reconciler.yaml");
    }
}
