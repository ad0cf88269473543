using GitOps.Build.Config;
using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// ApplicationSets in the default syntax (fasttemplate), each checked against the expansion Argo
/// CD's ApplicationSet documentation gives for the same input (Generators-List, Generators-Git,
/// Generators-Matrix, Generators-Merge, applicationset-specification's template override).
/// </summary>
public sealed class FastTemplateExpansionTests
{
    [Fact]
    public void List_generator_renders_one_application_per_element()
    {
        // Generators-List: "guestbook" with engineering-dev and engineering-prod.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appsets/list.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
              namespace: argocd
            spec:
              generators:
              - list:
                  elements:
                  - cluster: engineering-dev
                    url: https://1.2.3.4
                  - cluster: engineering-prod
                    url: https://2.4.6.8
              template:
                metadata:
                  name: '{{cluster}}-guestbook'
                spec:
                  project: my-project
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: applicationset/examples/list-generator/guestbook/{{ cluster }}
                  destination:
                    server: '{{url}}'
                    namespace: guestbook
            """);
        Assert.Empty(expansion.Findings);
        Assert.Equal(["engineering-dev-guestbook", "engineering-prod-guestbook"], expansion.Names());
        var dev = expansion.App("engineering-dev-guestbook");
        Assert.Equal("applicationset/examples/list-generator/guestbook/engineering-dev", dev.Text("/spec/source/path"));
        Assert.Equal("https://1.2.3.4", dev.Text("/spec/destination/server"));
        Assert.Equal("argocd", dev.Namespace);
        Assert.Equal(("Application", "argoproj.io/v1alpha1"), (dev.Kind, dev.ApiVersion));
        // Application-Deletion: generated Applications carry the resources finalizer (preserveResourcesOnDeletion is false).
        Assert.Equal("""["resources-finalizer.argocd.argoproj.io"]""", dev.At("/metadata/finalizers")!.ToJsonString());
        // The generated Application is a manifest of the ApplicationSet's file, at the template's lines.
        Assert.Equal(repo.Path("appsets/list.yaml"), dev.File);
        Assert.Equal(14, dev.Line);
        Assert.Equal(22, dev.LineOf("/spec/source/path"));
    }

    [Fact]
    public void Git_directories_honour_exclude_and_give_the_path_parameters()
    {
        // Generators-Git "Exclude directories": exclude-helm-guestbook is left out.
        using var repo = new RepoBuilder()
            .File("applicationset/examples/git-generator-directory/excludes/cluster-addons/argo-workflows/kustomization.yaml", "resources: []\n")
            .File("applicationset/examples/git-generator-directory/excludes/cluster-addons/exclude-helm-guestbook/Chart.yaml", "name: x\n")
            .File("applicationset/examples/git-generator-directory/excludes/cluster-addons/prometheus-operator/Chart.yaml", "name: y\n")
            .File("applicationset/examples/git-generator-directory/excludes/cluster-addons/My_Addon/Chart.yaml", "name: z\n")
            .File("applicationset/examples/git-generator-directory/excludes/cluster-addons/.hidden/a.yaml", "a: b\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: cluster-addons
              namespace: argocd
            spec:
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd.git
                  revision: HEAD
                  directories:
                  - path: applicationset/examples/git-generator-directory/excludes/cluster-addons/*
                  - path: applicationset/examples/git-generator-directory/excludes/cluster-addons/exclude-helm-guestbook
                    exclude: true
              template:
                metadata:
                  name: '{{path.basenameNormalized}}'
                  labels:
                    first: '{{path[0]}}'
                    fifth: '{{path[4]}}'
                spec:
                  project: my-project
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: '{{path}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: '{{path.basename}}'
            """);
        Assert.Empty(expansion.Findings);
        Assert.Equal(["my-addon", "argo-workflows", "prometheus-operator"], expansion.Names());
        var workflows = expansion.App("argo-workflows");
        Assert.Equal("applicationset/examples/git-generator-directory/excludes/cluster-addons/argo-workflows", workflows.Text("/spec/source/path"));
        Assert.Equal("argo-workflows", workflows.Text("/spec/destination/namespace"));
        Assert.Equal(("applicationset", "cluster-addons"), (workflows.Labels["first"], workflows.Labels["fifth"]));
        Assert.Equal("My_Addon", expansion.App("my-addon").Text("/spec/destination/namespace"));
    }

    [Fact]
    public void Git_files_flatten_their_keys_and_add_the_path_parameters()
    {
        // Generators-Git "Git Generator: Files": cluster-config/engineering/{dev,prod}/config.json.
        const string Dir = "applicationset/examples/git-generator-files-discovery/cluster-config/engineering";
        using var repo = new RepoBuilder()
            .File($"{Dir}/dev/config.json", """{"aws_account": "123456", "asset_id": "11223344", "cluster": {"owner": "cluster-admin@company.com", "name": "engineering-dev", "address": "https://1.2.3.4"}}""")
            .File($"{Dir}/prod/config.json", """{"aws_account": "123456", "asset_id": "11223344", "cluster": {"owner": "cluster-admin@company.com", "name": "engineering-prod", "address": "https://1.2.3.5"}}""")
            .File($"{Dir}/prod/notes.txt", "not matched\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
              namespace: argocd
            spec:
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd.git
                  revision: HEAD
                  files:
                  - path: "applicationset/examples/git-generator-files-discovery/cluster-config/**/config.json"
              template:
                metadata:
                  name: '{{cluster.name}}-guestbook'
                  annotations:
                    dir: '{{path}}'
                    base: '{{path.basename}}'
                    file: '{{path.filename}}'
                    account: '{{aws_account}}'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: "applicationset/examples/git-generator-files-discovery/apps/guestbook"
                  destination:
                    server: '{{cluster.address}}'
                    namespace: guestbook
            """);
        Assert.Empty(expansion.Findings);
        Assert.Equal(["engineering-dev-guestbook", "engineering-prod-guestbook"], expansion.Names());
        var dev = expansion.App("engineering-dev-guestbook");
        Assert.Equal("https://1.2.3.4", dev.Text("/spec/destination/server"));
        Assert.Equal($"{Dir}/dev", dev.Annotations["dir"]);
        Assert.Equal(("dev", "config.json", "123456"), (dev.Annotations["base"], dev.Annotations["file"], dev.Annotations["account"]));
        Assert.Equal("https://1.2.3.5", expansion.App("engineering-prod-guestbook").Text("/spec/destination/server"));
    }

    [Fact]
    public void Matrix_combines_git_directories_with_a_list_that_uses_their_parameters()
    {
        // Generators-Matrix: every directory × every element; the second child sees the first's parameters.
        using var repo = new RepoBuilder()
            .File("addons/argo-workflows/kustomization.yaml", "resources: []\n")
            .File("addons/prometheus-operator/Chart.yaml", "name: p\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: cluster-git
              namespace: argocd
            spec:
              generators:
              - matrix:
                  generators:
                  - git:
                      repoURL: https://github.com/argoproj/argo-cd.git
                      revision: HEAD
                      directories:
                      - path: addons/*
                  - list:
                      elements:
                      - env: dev
                        namespace: '{{path.basename}}-dev'
                      - env: prod
                        namespace: '{{path.basename}}-prod'
              template:
                metadata:
                  name: '{{path.basename}}-{{env}}'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: '{{path}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: '{{namespace}}'
            """);
        Assert.Empty(expansion.Findings);
        Assert.Equal(["argo-workflows-dev", "argo-workflows-prod", "prometheus-operator-dev", "prometheus-operator-prod"], expansion.Names());
        var app = expansion.App("prometheus-operator-prod");
        Assert.Equal("addons/prometheus-operator", app.Text("/spec/source/path"));
        Assert.Equal("prometheus-operator-prod", app.Text("/spec/destination/namespace"));
    }

    private const string SelectedClusters = """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: addons
        spec:
          generators:
            - matrix:
                generators:
                  - list:
                      elements: [{addon: dns}, {addon: certs}]
                  - clusters:
                      selector:
                        matchLabels:
                          cluster_role: control-plane
          template:
            metadata:
              name: '{{addon}}-{{name}}'
            spec:
              project: default
              source: {repoURL: https://github.com/argoproj/argo-cd.git, path: '{{addon}}'}
              destination: {name: '{{name}}', namespace: addons}
        """;

    [Fact]
    public void A_cluster_selector_with_no_cluster_known_but_in_cluster_is_said_not_expanded_never_taken_for_none()
    {
        // Argo CD matches the clusters it has Secrets for; offline only in-cluster is known, which has none.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", SelectedClusters);
        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings); // once, though the matrix runs the generator per element
        Assert.Equal("APPSET-NOT-EXPANDED", finding.RuleId);
        Assert.Equal(12, finding.Line); // the selector
        Assert.Contains("under clusters: in gitops-build.yaml", finding.Message);
    }

    [Fact]
    public void A_cluster_selector_over_the_clusters_listed_generates_what_matches_and_says_nothing_when_none_does()
    {
        var labels = new Dictionary<string, string> { ["cluster_role"] = "control-plane" };
        using var repo = new RepoBuilder();
        var listed = new ApplicationSetExpander(clusters: [ClusterInfo.InCluster, new ClusterInfo("hub", "https://hub.example.com", Labels: labels)]);
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", SelectedClusters, listed);
        Assert.Empty(expansion.Findings);
        Assert.Equal(["certs-hub", "dns-hub"], expansion.Names().Order());

        var other = new ApplicationSetExpander(clusters: [ClusterInfo.InCluster, new ClusterInfo("edge", "https://edge.example.com")]);
        var none = AppSetFixture.Expand(repo, "appset.yaml", SelectedClusters, other);
        Assert.Empty(none.Applications);
        Assert.Empty(none.Findings);
    }

    [Fact]
    public void Merge_overrides_base_parameter_sets_that_match_on_the_merge_keys()
    {
        // Generators-Merge: base clusters (kafka true, redis false), a selector override (kafka false for
        // use-kafka=false clusters), a list override (redis true for https://2.4.6.8).
        var clusters = new[]
        {
            new ClusterInfo("staging", "https://1.2.3.4", Labels: new Dictionary<string, string> { ["use-kafka"] = "false", ["environment"] = "staging" }),
            new ClusterInfo("production", "https://2.4.6.8", Labels: new Dictionary<string, string> { ["environment"] = "production" }),
        };
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: cluster-git
            spec:
              generators:
                - merge:
                    mergeKeys:
                      - server
                    generators:
                      - clusters:
                          values:
                            kafka: 'true'
                            redis: 'false'
                      - clusters:
                          selector:
                            matchLabels:
                              use-kafka: 'false'
                          values:
                            kafka: 'false'
                      - list:
                          elements:
                            - server: https://2.4.6.8
                              values.redis: 'true'
              template:
                metadata:
                  name: '{{name}}'
                spec:
                  project: '{{metadata.labels.environment}}'
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: app
                    helm:
                      parameters:
                        - name: kafka
                          value: '{{values.kafka}}'
                        - name: redis
                          value: '{{values.redis}}'
                  destination:
                    server: '{{server}}'
                    namespace: default
            """, new ApplicationSetExpander(clusters: clusters));
        Assert.Empty(expansion.Findings);
        Assert.Equal(["staging", "production"], expansion.Names());
        Assert.Equal(("false", "false", "staging"), Helm(expansion.App("staging")));
        Assert.Equal(("true", "true", "production"), Helm(expansion.App("production")));

        static (string?, string?, string?) Helm(Manifests.ManifestObject app) =>
            (app.Text("/spec/source/helm/parameters/0/value"), app.Text("/spec/source/helm/parameters/1/value"), app.Text("/spec/project"));
    }

    [Fact]
    public void A_generator_template_takes_precedence_over_the_spec_template()
    {
        // applicationset-specification: "The generator's template field takes precedence over the spec's template fields".
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: test-hello-world-appset
              namespace: argocd
            spec:
              generators:
              - list:
                  elements:
                  - cluster: engineering-dev
                    url: https://kubernetes.default.svc
                  template:
                    metadata: {}
                    spec:
                      project: "default"
                      source:
                        repoURL: https://github.com/argoproj/argo-cd.git
                        path: 'applicationset/examples/template-override/{{cluster}}-override'
                      destination: {}
              template:
                metadata:
                  name: '{{cluster}}-guestbook'
                spec:
                  project: my-project
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: applicationset/examples/template-override/default
                  destination:
                    server: '{{url}}'
                    namespace: guestbook
            """);
        Assert.Empty(expansion.Findings);
        var app = expansion.App("engineering-dev-guestbook");
        Assert.Equal("applicationset/examples/template-override/engineering-dev-override", app.Text("/spec/source/path"));
        Assert.Equal(("default", "HEAD", "guestbook"), (app.Text("/spec/project"), app.Text("/spec/source/targetRevision"), app.Text("/spec/destination/namespace")));
        Assert.Equal(18, app.LineOf("/spec/source/path")); // the generator's template line
    }

    [Fact]
    public void Generators_that_need_a_live_service_or_another_repository_are_reported_not_expanded()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: mixed
            spec:
              generators:
              - scmProvider:
                  github:
                    organization: myorg
              - git:
                  repoURL: https://github.com/other/repo.git
                  revision: HEAD
                  directories:
                  - path: '*'
              - list:
                  elements:
                  - name: kept
              template:
                metadata:
                  name: '{{name}}'
                spec:
                  project: default
                  source: {repoURL: https://github.com/argoproj/argo-cd.git, path: x}
                  destination: {server: https://kubernetes.default.svc, namespace: x}
            """);
        Assert.Equal(["kept"], expansion.Names());
        Assert.Equal([("APPSET-NOT-EXPANDED", 7), ("APPSET-NOT-EXPANDED", 11)], expansion.Findings.Select(f => (f.RuleId, f.Line)));
        Assert.All(expansion.Findings, f => Assert.Equal((global::GitOps.Build.Findings.Severity.Warning, "appset.yaml", "ApplicationSet/mixed"), (f.Severity, f.File, f.Object)));
        Assert.Contains("scmProvider", expansion.Findings[0].Message);
        Assert.Contains("https://github.com/other/repo.git", expansion.Findings[1].Message);
    }

    [Fact]
    public void Go_templates_without_an_engine_are_reported_not_expanded()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: go
            spec:
              goTemplate: true
              generators:
              - list:
                  elements: [{name: a}]
              template:
                metadata: {name: '{{.name}}'}
                spec: {project: default}
            """);
        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-NOT-EXPANDED", 6), (finding.RuleId, finding.Line));
    }

    [Fact]
    public void Normalized_names_follow_argo_cds_rule()
    {
        Assert.Equal("directory-2", Names.Normalize("directory_2"));
        Assert.Equal("my-cluster.example", Names.Normalize("-My_Cluster.Example."));
    }

    [Fact]
    public void The_application_set_itself_is_schema_checked_as_an_argo_cd_kind()
    {
        var objects = Checks.Snippets.Objects("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: typo
            spec:
              generator:
              - list: {elements: []}
              template:
                metadata: {name: x}
                spec: {project: default}
            """, file: "appsets/typo.yaml");
        var sink = new global::GitOps.Build.Checks.FindingSink();
        foreach (var o in objects) global::GitOps.Build.Checks.Schema.SchemaChecks.Check(o, sink);
        var ids = sink.Items.Select(i => i.Finding.RuleId).ToList();
        Assert.Contains("SCHEMA-UNKNOWN-FIELD", ids); // spec.generator
        Assert.Contains("SCHEMA-REQUIRED", ids);      // spec.generators
        Assert.DoesNotContain("SCHEMA-UNKNOWN-KIND", ids);
    }
}
