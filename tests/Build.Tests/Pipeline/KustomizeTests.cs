using GitOps.Build.Session;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Sealing;
using GitOps.Build.Tests.Checks;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// Kustomize sources end to end with the pinned kubectl: tool detection, overlays with patches and
/// images, spec.source.kustomize applied on a scratch copy (the repository untouched), helmCharts
/// with the pinned helm, a broken overlay's finding, and Validate on an apps/&lt;name&gt;/envs/&lt;env&gt; layout.
/// </summary>
public sealed class KustomizeTests
{
    private const string Repo = "https://example.com/org/repo.git";

    /// <summary>A Deployment every policy accepts (security context, resources, probes).</summary>
    private static string Deployment(string name, string image = "registry.example.org/web:v1.0.0") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 1000
              containers:
                - name: web
                  image: {{image}}
                  securityContext:
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                    capabilities:
                      drop: [ALL]
                  ports:
                    - name: http
                      containerPort: 8080
                  resources:
                    requests: {cpu: 100m, memory: 128Mi}
                    limits: {cpu: 500m, memory: 256Mi}
                  livenessProbe:
                    httpGet: {path: /healthz, port: http}
                  readinessProbe:
                    httpGet: {path: /ready, port: http}

        """;

    /// <summary>An Application on this repository; <paramref name="source"/> is extra text under spec.source (4 spaces in).</summary>
    private static string Application(string name, string path, string ns, string? environment = null, string source = "") => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        {(environment is null ? "" : $"  labels:\n    environment: {environment}\n")}spec:
          project: default
          source:
            repoURL: {Repo}
            targetRevision: HEAD
            path: {path}
        {source}  destination:
            server: https://kubernetes.default.svc
            namespace: {ns}

        """;

    /// <summary>apps/web/base and apps/web/envs/{dev,prod}: prod patches replicas and pins the image with images:.</summary>
    private static RepoBuilder Layout()
    {
        var repo = new RepoBuilder()
            .RootApp()
            .File("apps/web/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - service.yaml\n")
            .File("apps/web/base/deployment.yaml", Deployment("web"))
            .File("apps/web/base/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n")
            .File("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\nnamePrefix: dev-\n")
            .File("apps/web/envs/prod/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                patches:
                  - path: replicas.yaml
                images:
                  - name: registry.example.org/web
                    newTag: v1.2.3
                """)
            .File("apps/web/envs/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n")
            .File("argocd/apps/web-dev.yaml", Application("web-dev", "apps/web/envs/dev", "web-dev", "dev"))
            .File("argocd/apps/web-prod.yaml", Application("web-prod", "apps/web/envs/prod", "web-prod", "prod"))
            .File("environments.yaml", """
                promotion:
                  order: [dev, prod]
                environments:
                  dev:
                    namespace: web-dev
                    autoSync: true
                    immutableTags: false
                  prod:
                    namespace: web-prod
                    autoSync: false
                    immutableTags: true
                """);
        return repo;
    }

    private static RepositorySession Load(RepoBuilder repo) => TestSession.Open(repo.Root, "bootstrap/root.yaml", environments: "environments.yaml");

    private static RenderResult Render(RepositorySession session, string unit) =>
        session.Renderer.Render(Assert.Single(session.Model.Units, u => u.Id == unit));

    private static ManifestObject Object(RenderResult result, string kind, string name) =>
        Assert.Single(result.Objects!, o => o.Kind == kind && o.Name == name);

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("artifacts", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);

    [Fact]
    public void Overlays_become_kustomize_units_with_their_kustomization_tree_as_inputs()
    {
        using var repo = Layout();
        var session = Load(repo);
        var model = session.Model;
        Assert.Empty(model.Problems);
        Assert.DoesNotContain(model.DirectoryObjects.Values.SelectMany(o => o), o => o.Kind == "Kustomization" || o.Name == "");
        var prod = Assert.Single(model.Units, u => u.Id == "web-prod");
        Assert.Equal(SourceKind.Kustomize, prod.Kind);
        Assert.Equal(repo.Path("apps/web/envs/prod"), prod.SourcePath);
        Assert.Equal("web", prod.App);
        Assert.Equal("prod", prod.Environment);
        Assert.Equal(
            ["apps/web/base/deployment.yaml", "apps/web/base/kustomization.yaml", "apps/web/base/service.yaml",
             "apps/web/envs/prod/kustomization.yaml", "apps/web/envs/prod/replicas.yaml"],
            prod.Inputs.Select(model.Relative));
    }

    [Fact]
    public void An_overlay_renders_with_its_patches_and_images()
    {
        using var repo = Layout();
        var session = Load(repo);
        var model = session.Model;
        var prod = Render(session, "web-prod");
        Assert.False(prod.Outcome.Failed, prod.Outcome.Findings.Describe());
        var deployment = Object(prod, "Deployment", "web");
        Assert.Equal("3", deployment.Text("/spec/replicas"));
        Assert.Equal("registry.example.org/web:v1.2.3", deployment.Text("/spec/template/spec/containers/0/image"));
        Assert.Equal("artifacts/rendered/web-prod.yaml", deployment.File);

        var dev = Render(session, "web-dev");
        Assert.Equal("registry.example.org/web:v1.0.0", Object(dev, "Deployment", "dev-web").Text("/spec/template/spec/containers/0/image"));
        Object(dev, "Service", "dev-web");
    }

    [Fact]
    public void Application_kustomize_overrides_apply_as_argo_cd_applies_them_and_leave_the_repository_unchanged()
    {
        using var repo = Layout();
        repo.File("argocd/apps/web-prod.yaml", Application("web-prod", "apps/web/envs/prod", "web-prod", "prod", """
                kustomize:
                  namePrefix: blue-
                  namespace: web-blue
                  images:
                    - registry.example.org/web:v9.9.9
                  commonLabels:
                    team: payments
                  replicas:
                    - name: web
                      count: 5

            """));
        var before = Snapshot(repo.Root);
        var scratchBefore = Directory.Exists(ScratchFolder.Root) ? Directory.GetDirectories(ScratchFolder.Root, "kustomize-*").ToHashSet() : [];
        var session = Load(repo);
        var model = session.Model;

        var prod = Render(session, "web-prod");
        Assert.False(prod.Outcome.Failed, prod.Outcome.Findings.Describe());
        var deployment = Object(prod, "Deployment", "blue-web");
        Assert.Equal("web-blue", deployment.Namespace);
        Assert.Equal("registry.example.org/web:v9.9.9", deployment.Text("/spec/template/spec/containers/0/image"));
        Assert.Equal("5", deployment.Text("/spec/replicas"));
        Assert.Equal("payments", deployment.Labels["team"]);
        Assert.Equal("payments", deployment.Text("/spec/selector/matchLabels/team")); // commonLabels reach selectors, as kustomize's do
        Assert.Equal("payments", Object(prod, "Service", "blue-web").Labels["team"]);

        Assert.Equal(before, Snapshot(repo.Root));
        var scratchAfter = Directory.Exists(ScratchFolder.Root) ? Directory.GetDirectories(ScratchFolder.Root, $"kustomize-{Environment.ProcessId}-*") : [];
        // The scratch copy is gone. Tests of other classes build from scratch copies at the same time,
        // so only a copy of this fixture (its edited kustomization names the blue- prefix) counts.
        Assert.DoesNotContain(scratchAfter.Where(d => !scratchBefore.Contains(d)), CopyOfThisFixture);
    }

    private static bool CopyOfThisFixture(string scratch)
    {
        try
        {
            return Directory.EnumerateFiles(scratch, "kustomization.yaml", SearchOption.AllDirectories).Any(f => File.ReadAllText(f).Contains("blue-"));
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            return false; // deleted while looked at: gone
        }
    }

    [Fact]
    public void A_file_override_is_built_from_a_scratch_copy_and_leaves_the_repository_unchanged()
    {
        using var repo = Layout();
        repo.File("edited/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\nimages:\n  - name: registry.example.org/web\n    newTag: v2.0.0\n");
        var session = Load(repo);
        var model = session.Model;
        var before = Snapshot(repo.Root);
        var unit = Assert.Single(model.Units, u => u.Id == "web-prod") with
        {
            FileOverrides = new Dictionary<string, string> { [repo.Path("apps/web/envs/prod/kustomization.yaml")] = repo.Path("edited/kustomization.yaml") },
        };

        var result = session.Renderer.Render(unit);

        Assert.False(result.Outcome.Failed, result.Outcome.Findings.Describe());
        Assert.Equal("registry.example.org/web:v2.0.0", Object(result, "Deployment", "web").Text("/spec/template/spec/containers/0/image"));
        Assert.Equal("3", Object(result, "Deployment", "web").Text("/spec/replicas"));
        Assert.Equal(before, Snapshot(repo.Root));
    }

    [Fact]
    public void Override_of_a_label_the_kustomization_sets_needs_force_as_in_argo_cd()
    {
        using var repo = Layout();
        repo.File("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\ncommonLabels:\n  team: web\n");
        repo.File("argocd/apps/web-dev.yaml", Application("web-dev", "apps/web/envs/dev", "web-dev", "dev", "    kustomize:\n      commonLabels:\n        team: payments\n"));
        var session = Load(repo);
        var model = session.Model;
        var refused = Render(session, "web-dev");
        var finding = Assert.Single(refused.Outcome.Findings);
        Assert.Equal("KUSTOMIZE-BUILD", finding.RuleId);
        Assert.Equal("argocd/apps/web-dev.yaml", finding.File);
        Assert.Contains("forceCommonLabels", finding.Message);

        repo.File("argocd/apps/web-dev.yaml", Application("web-dev", "apps/web/envs/dev", "web-dev", "dev", "    kustomize:\n      forceCommonLabels: true\n      commonLabels:\n        team: payments\n"));
        var forced = Render(Load(repo), "web-dev");
        Assert.False(forced.Outcome.Failed, forced.Outcome.Findings.Describe());
        Assert.Equal("payments", Object(forced, "Deployment", "web").Labels["team"]);
    }

    [Fact]
    public void A_helm_chart_from_an_unreachable_repository_is_not_rendered_with_a_warning_as_a_remote_chart_is()
    {
        // A base that pulls its chart from a Helm repository nobody answers at (offline here), under an overlay.
        using var repo = new RepoBuilder()
            .RootApp()
            .File("apps/greeter/base/kustomization.yaml", """
                helmCharts:
                  - name: greeter
                    version: 1.0.0
                    repo: http://127.0.0.1:9/charts
                    releaseName: greeter
                """)
            .File("apps/greeter/overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n")
            .File("argocd/apps/greeter.yaml", Application("greeter", "apps/greeter/overlays/dev", "greet"));
        var session = Load(repo);
        var model = session.Model;
        var result = Render(session, "greeter");
        Assert.False(result.Outcome.Failed, result.Outcome.Findings.Describe());
        var warning = Assert.Single(result.Outcome.Findings);
        Assert.Equal(("REMOTE-CHART", Severity.Warning), (warning.RuleId, warning.Severity));
        Assert.Equal(("apps/greeter/base/kustomization.yaml", 4), (warning.File, warning.Line));
        Assert.Contains("greeter 1.0.0 from http://127.0.0.1:9/charts", warning.Message);
        Assert.Null(result.Rendered);
    }

    [Fact]
    public void A_remote_base_that_cannot_be_fetched_is_not_rendered_with_a_warning_not_called_missing()
    {
        // A base kept in another git repository (kustomize fetches it); nobody answers here.
        using var repo = new RepoBuilder()
            .RootApp()
            .File("apps/web/base/kustomization.yaml", "resources:\n  - https://127.0.0.1:9/org/repo//base?ref=v1\n")
            .File("apps/web/overlays/dev/kustomization.yaml", "resources:\n  - ../../base\n")
            .File("argocd/apps/web.yaml", Application("web", "apps/web/overlays/dev", "web"));
        var result = Render(Load(repo), "web");
        Assert.False(result.Outcome.Failed, result.Outcome.Findings.Describe());
        var warning = Assert.Single(result.Outcome.Findings);
        Assert.Equal(("REMOTE-RESOURCE", Severity.Warning), (warning.RuleId, warning.Severity));
        Assert.Equal(("apps/web/base/kustomization.yaml", 2), (warning.File, warning.Line));
        Assert.Contains("https://127.0.0.1:9/org/repo//base?ref=v1", warning.Message);
        Assert.DoesNotContain("does not exist", warning.Message);
        Assert.Null(result.Rendered);
    }

    [Fact]
    public void A_kustomization_with_helm_charts_is_built_with_the_pinned_helm()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("apps/greeter/charts/demo")
            .File("apps/greeter/kustomization.yaml", """
                helmCharts:
                  - name: demo
                    releaseName: greeter
                    namespace: greet
                    valuesInline:
                      greeting: bonjour
                """)
            .File("argocd/apps/greeter.yaml", Application("greeter", "apps/greeter", "greet"));
        var before = Snapshot(repo.Root);
        var session = Load(repo);
        var model = session.Model;
        var unit = Assert.Single(model.Units);
        Assert.Equal(SourceKind.Kustomize, unit.Kind);
        Assert.Contains(repo.Path("apps/greeter/charts/demo/templates/configmap.yaml"), unit.Inputs);

        var result = Render(session, "greeter");
        Assert.False(result.Outcome.Failed, result.Outcome.Findings.Describe());
        Assert.Equal("bonjour", Object(result, "ConfigMap", "greeter").Text("/data/greeting"));
        Assert.Equal(before, Snapshot(repo.Root));
    }

    [Fact]
    public void A_tool_block_that_sets_nothing_is_dropped_as_argo_cds_controller_normalizes_it_and_the_folder_decides()
    {
        // An app-of-apps over a folder whose kustomization lists the Applications, written with
        // `directory: {recurse: false}`: Argo CD's controller drops a tool block that sets nothing
        // (NormalizeSource), so kustomize renders the folder; an exclude keeps it a directory.
        const string kustomization = "namePrefix: k-\nresources:\n  - cm.yaml\n";
        const string configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("apps/chart")
            .File("apps/listed/kustomization.yaml", kustomization)
            .File("apps/listed/cm.yaml", configMap)
            .File("apps/kept/kustomization.yaml", kustomization)
            .File("apps/kept/cm.yaml", configMap)
            .File("argocd/apps/listed.yaml", Application("listed", "apps/listed", "demo", source: "    directory:\n      recurse: false\n"))
            .File("argocd/apps/kept.yaml", Application("kept", "apps/kept", "demo", source: "    directory:\n      recurse: false\n      exclude: 'kustomization.yaml'\n"));
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var model = session.Model;
        Assert.Empty(model.Problems);
        var listed = Assert.Single(model.Units, u => u.Id == "listed");
        Assert.Equal(SourceKind.Kustomize, listed.Kind);
        Assert.Equal("k-c", Assert.Single(session.Renderer.Render(listed).Objects!).Name);
        Assert.Equal(SourceKind.Directory, Assert.Single(model.Units, u => u.Id == "kept").Kind);
        Assert.Equal(["c"], model.DirectoryObjects["kept"].Select(o => o.Name));

        static System.Text.Json.Nodes.JsonObject Block(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var source = new ApplicationSource(Repo, null, "x", null, null, null, null, "/spec/source");
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Helm = Block("{}") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Helm = Block("""{"valuesObject": null, "values": "", "valueFiles": [], "skipCrds": false}""") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Helm, SourceKinds.Detect(source with { Helm = Block("""{"valueFiles": [""]}""") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Helm, SourceKinds.Detect(source with { Helm = Block("""{"skipCrds": true}""") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Directory = Block("""{"jsonnet": {"extVars": []}}""") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Directory, SourceKinds.Detect(source with { Directory = Block("""{"recurse": true}""") }, repo.Path("apps/listed")));
        // IsZero counts a map or list by its length, not by what its entries hold (len(k.CommonLabels) == 0), and helm's
        // valuesObject by the values YAML it makes, which for {} is "{}\n" (ValuesIsEmpty): the block is kept.
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Kustomize = Block("""{"commonLabels": {"team": ""}}""") }, repo.Path("apps/chart")));
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Kustomize = Block("""{"images": [""]}""") }, repo.Path("apps/chart")));
        Assert.Equal(SourceKind.Helm, SourceKinds.Detect(source with { Helm = Block("""{"valuesObject": {}}""") }, repo.Path("apps/listed")));
        Assert.Equal(SourceKind.Directory, SourceKinds.Detect(source with { Directory = Block("""{"jsonnet": {"tlas": [{}]}}""") }, repo.Path("apps/listed")));
        // kustomize's force* flags are not among what its IsZero counts: the chart decides
        Assert.Equal(SourceKind.Helm, SourceKinds.Detect(source with { Kustomize = Block("""{"forceCommonLabels": true}""") }, repo.Path("apps/chart")));
    }

    [Fact]
    public void Tool_detection_follows_argo_cd_explicit_block_then_chart_then_kustomization_then_directory()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("apps/chart")
            .File("apps/yml/kustomization.yml", "resources:\n  - cm.yaml\n")
            .File("apps/yml/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yml\n")
            .File("apps/capital/Kustomization", "resources:\n  - cm.yaml\n")
            .File("apps/capital/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-capital\n")
            // A kustomization.yaml read as plain manifests because the Application says directory:.
            .File("apps/forced/kustomization.yaml", "resources:\n  - cm.yaml\n")
            .File("apps/forced/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: forced-dir\n")
            .File("apps/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
            .File("apps/plugin/main.ts", "export {}\n")
            .File("argocd/apps/chart.yaml", Application("chart", "apps/chart", "demo"))
            .File("argocd/apps/yml.yaml", Application("yml", "apps/yml", "demo"))
            .File("argocd/apps/capital.yaml", Application("capital", "apps/capital", "demo"))
            .File("argocd/apps/forced.yaml", Application("forced", "apps/forced", "demo", source: "    directory:\n      include: 'cm.yaml'\n"))
            .File("argocd/apps/plain.yaml", Application("plain", "apps/plain", "demo"))
            .File("argocd/apps/plugin.yaml", Application("plugin", "apps/plugin", "demo", source: "    plugin:\n      name: cdk8s\n"));
        var session = TestSession.Open(repo.Root, "bootstrap/root.yaml");
        var model = session.Model;
        Assert.Empty(model.Problems);
        Assert.Equal(SourceKind.Helm, Assert.Single(model.Units, u => u.Id == "chart").Kind);
        Assert.Equal(SourceKind.Kustomize, Assert.Single(model.Units, u => u.Id == "yml").Kind);
        Assert.Equal(SourceKind.Kustomize, Assert.Single(model.Units, u => u.Id == "capital").Kind);
        Assert.Equal(SourceKind.Plugin, Assert.Single(model.Units, u => u.Id == "plugin").Kind);
        // Directory sources are units too: their rendering is the plain manifests the loader read.
        Assert.Equal(SourceKind.Directory, Assert.Single(model.Units, u => u.Id == "forced").Kind);
        Assert.Equal(SourceKind.Directory, Assert.Single(model.Units, u => u.Id == "plain").Kind);
        Assert.Equal(["forced-dir"], model.DirectoryObjects["forced"].Select(o => o.Name));
        Assert.Equal(["plain"], model.DirectoryObjects["plain"].Select(o => o.Name));

        // Explicit helm: beats a kustomization in the same folder.
        var source = new ApplicationSource(Repo, null, "x", null, null, new System.Text.Json.Nodes.JsonObject { ["releaseName"] = "r" }, null, "/spec/source");
        Assert.Equal(SourceKind.Helm, SourceKinds.Detect(source, repo.Path("apps/yml")));
        Assert.Equal(SourceKind.Kustomize, SourceKinds.Detect(source with { Helm = null, Kustomize = new System.Text.Json.Nodes.JsonObject { ["namePrefix"] = "p-" } }, repo.Path("apps/chart")));

        var service = session.Renderer;
        Assert.Equal("from-capital", Assert.Single(service.Render(Assert.Single(model.Units, u => u.Id == "capital")).Objects!).Name);
        var plugin = service.Render(Assert.Single(model.Units, u => u.Id == "plugin"));
        var notRendered = Assert.Single(plugin.Outcome.Findings);
        Assert.Equal(("SOURCE-NOT-RENDERED", Severity.Warning, "argocd/apps/plugin.yaml"), (notRendered.RuleId, notRendered.Severity, notRendered.File));
        Assert.Contains("cdk8s", notRendered.Message);
        Assert.Null(plugin.Objects);
    }

    [Fact]
    public void Jsonnet_files_of_a_directory_source_are_reported_as_not_rendered()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("apps/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
            .File("apps/plain/app.jsonnet", "{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j' } }\n")
            .File("apps/plain/lib.libsonnet", "{}\n")
            .File("argocd/apps/plain.yaml", Application("plain", "apps/plain", "demo"));
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var finding = Assert.Single(model.Problems);
        Assert.Equal(("SOURCE-NOT-RENDERED", Severity.Warning, "apps/plain/app.jsonnet"), (finding.RuleId, finding.Severity, finding.File));
        Assert.Equal(["plain"], model.DirectoryObjects["plain"].Select(o => o.Name));
    }

    [Fact]
    public async Task A_missing_resource_is_a_finding_at_the_overlay_entry_and_fails_lint_and_template()
    {
        using var repo = Layout();
        repo.File("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\n  - ingress.yaml\npatches:\n  - path: replicas.yaml\n");
        var session = Load(repo);
        var model = session.Model;
        var service = session.Renderer;
        var prod = Assert.Single(model.Units, u => u.Id == "web-prod");

        var lint = service.Lint(prod);
        Assert.True(lint.Failed);
        var finding = Assert.Single(lint.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "apps/web/envs/prod/kustomization.yaml", 3), (finding.RuleId, finding.File, finding.Line));
        Assert.Contains("resources entry ingress.yaml: apps/web/envs/prod/ingress.yaml does not exist", finding.Message);
        Assert.DoesNotContain(repo.Root, finding.Message);
        Assert.NotNull(finding.Fix);

        var (outcomes, rendered) = await new TemplateStage(service, 2).RunAsync(model.Units);
        Assert.True(Assert.Single(outcomes, o => o.Unit == "web-prod").Failed);
        Assert.Equal(finding, Assert.Single(Assert.Single(outcomes, o => o.Unit == "web-prod").Findings));
        Assert.DoesNotContain(rendered, r => r.Unit == "web-prod");
        Assert.False(File.Exists(repo.Path("artifacts/rendered/web-prod.yaml")));
        Assert.True(File.Exists(repo.Path("artifacts/rendered/web-dev.yaml")));
    }

    [Fact]
    public void A_patch_that_matches_nothing_and_a_kustomization_that_does_not_parse_are_located()
    {
        using var repo = Layout();
        repo.File("apps/web/envs/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n");
        var patch = Assert.Single(Render(Load(repo), "web-prod").Outcome.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "apps/web/envs/prod/kustomization.yaml", 6), (patch.RuleId, patch.File, patch.Line));

        repo.File("apps/web/envs/prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n");
        repo.File("apps/web/base/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  bad: [\n");
        var resource = Assert.Single(Render(Load(repo), "web-prod").Outcome.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "apps/web/base/service.yaml", 5), (resource.RuleId, resource.File, resource.Line));

        repo.File("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\n  bad: [\n");
        var yaml = Assert.Single(Render(Load(repo), "web-prod").Outcome.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "apps/web/base/kustomization.yaml"), (yaml.RuleId, yaml.File));
        Assert.Contains("invalid Kustomization", yaml.Message);
    }

    [Fact]
    public async Task Every_overlay_renders_in_the_template_stage_and_validate_finds_a_defect_planted_in_one()
    {
        using var repo = Layout();
        var clean = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml", environments: repo.Path("environments.yaml"));
        Assert.DoesNotContain(clean, f => f.RuleId is "POL-MUTABLE-IMAGE-TAG" or "CON-PLAINTEXT-SECRET" || f.RuleId.StartsWith("KUSTOMIZE"));
        Assert.True(File.Exists(repo.Path("artifacts/rendered/web-dev.yaml")));
        Assert.True(File.Exists(repo.Path("artifacts/rendered/web-prod.yaml")));

        repo.File("apps/web/envs/prod/kustomization.yaml", """
            resources:
              - ../../base
              - secret.yaml
            patches:
              - path: replicas.yaml
            images:
              - name: registry.example.org/web
                newName: x
                newTag: latest
            """);
        repo.File("apps/web/envs/prod/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: hunter2\n");
        var findings = await TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml", environments: repo.Path("environments.yaml"));
        // At the overlay's files (the images: entry that sets the tag, the patch that sets replicas), the rendered artifact related.
        Assert.Contains(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG" && (f.File, f.Line) == ("apps/web/envs/prod/kustomization.yaml", 9) && f.RenderedFile == "artifacts/rendered/web-prod.yaml");
        Assert.DoesNotContain(findings, f => f.RuleId == "POL-MUTABLE-IMAGE-TAG" && f.RenderedFile != "artifacts/rendered/web-prod.yaml");
        Assert.Contains(findings, f => f.RuleId == "POL-PDB" && f.File == "apps/web/envs/prod/replicas.yaml");
        Assert.Contains(findings, f => f.RuleId == "CON-PLAINTEXT-SECRET" && f.File == "apps/web/envs/prod/secret.yaml");
        Assert.DoesNotContain(findings, f => f.Message.Contains("hunter2"));
    }

    [Theory]
    [InlineData("nginx:1.2", "nginx", null, "1.2", null)]
    [InlineData("nginx=registry.example.org/nginx:1.2", "nginx", "registry.example.org/nginx", "1.2", null)]
    [InlineData("nginx@sha256:abc", "nginx", null, null, "sha256:abc")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app", null, null, null)]
    [InlineData("registry:5000/team/app:v2", "registry:5000/team/app", null, "v2", null)]
    public void Images_are_read_as_kustomize_edit_set_image_reads_them(string text, string name, string? newName, string? newTag, string? digest)
    {
        var image = KustomizeEdits.Image(text);
        Assert.Equal((name, newName, newTag, digest),
            (image["name"]?.ToString(), image["newName"]?.ToString(), image["newTag"]?.ToString(), image["digest"]?.ToString()));
    }

    [Fact]
    public void Application_patches_and_components_are_added_to_the_overlay()
    {
        using var repo = Layout();
        repo.File("apps/web/components/debug/kustomization.yaml", """
            apiVersion: kustomize.config.k8s.io/v1alpha1
            kind: Component
            commonAnnotations:
              debug: "on"
            """);
        repo.File("argocd/apps/web-dev.yaml", Application("web-dev", "apps/web/envs/dev", "web-dev", "dev", """
                kustomize:
                  components:
                    - ../../components/debug
                    - ../../components/absent
                  ignoreMissingComponents: true
                  patches:
                    - target:
                        kind: Deployment
                        name: web
                      patch: |-
                        - op: replace
                          path: /spec/replicas
                          value: 4

            """));
        var session = Load(repo);
        var model = session.Model;
        var dev = Render(session, "web-dev");
        Assert.False(dev.Outcome.Failed, dev.Outcome.Findings.Describe());
        var deployment = Object(dev, "Deployment", "dev-web");
        Assert.Equal("4", deployment.Text("/spec/replicas"));
        Assert.Equal("on", deployment.Annotations["debug"]);
    }

    [Fact]
    public void A_helm_unit_lists_its_chart_files_and_value_files_as_inputs()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .Chart("apps/web")
            .File("env/dev.yaml", "greeting: hi\n")
            .File("argocd/apps/web.yaml", Application("web", "apps/web", "demo", source: "    helm:\n      valueFiles: [../../env/dev.yaml]\n"));
        var session = Load(repo);
        var model = session.Model;
        Assert.Equal(["apps/web/Chart.yaml", "apps/web/templates/configmap.yaml", "apps/web/values.yaml", "env/dev.yaml"],
            Assert.Single(model.Units).Inputs.Select(model.Relative));
    }

    [Fact]
    public void Kustomize_options_on_a_folder_without_a_kustomization_fail_as_in_argo_cd()
    {
        using var repo = new RepoBuilder()
            .RootApp()
            .File("apps/plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
            .File("argocd/apps/plain.yaml", Application("plain", "apps/plain", "demo", source: "    kustomize:\n      namePrefix: x-\n"));
        var session = Load(repo);
        var model = session.Model;
        var unit = Assert.Single(model.Units);
        Assert.Equal(SourceKind.Kustomize, unit.Kind); // the explicit block picks the tool
        var finding = Assert.Single(Render(session, "plain").Outcome.Findings);
        Assert.Equal(("KUSTOMIZE-BUILD", "argocd/apps/plain.yaml", 12), (finding.RuleId, finding.File, finding.Line));
        Assert.Contains("holds no kustomization", finding.Message);
    }

    [Fact]
    public void Sealed_secrets_an_overlay_renders_are_in_the_sealing_inventory()
    {
        using var repo = Layout();
        repo.File("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\n  - sealed.yaml\n");
        repo.File("apps/web/envs/prod/sealed.yaml", "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy\n");
        var session = Load(repo);
        var model = session.Model;
        var deployed = Assert.Single(session.Sealing.SealedSecrets());
        Assert.Equal(("web-prod", "db"), (deployed.Namespace, deployed.Name));
    }

    [Fact]
    public void A_kustomization_that_reaches_outside_the_repository_is_not_built()
    {
        using var repo = Layout();
        repo.File("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\n  - ../../../../../../../../etc/hostname\n");
        var finding = Assert.Single(Render(Load(repo), "web-dev").Outcome.Findings);
        Assert.Equal(("GITOPS-PATH", "apps/web/envs/dev/kustomization.yaml", 3), (finding.RuleId, finding.File, finding.Line));
        Assert.Contains("outside the repository", finding.Message);
    }
}
