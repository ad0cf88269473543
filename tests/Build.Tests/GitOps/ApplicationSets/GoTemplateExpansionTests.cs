using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// ApplicationSets with <c>goTemplate: true</c>, rendered by helm's engine (Go text/template with
/// sprig), checked against Argo CD's documentation (GoTemplate, Generators-Git, Template's
/// templatePatch) for the same input.
/// </summary>
public sealed class GoTemplateExpansionTests
{
    [Fact]
    public void Git_directories_give_nested_path_parameters_and_sprig_works()
    {
        using var repo = new RepoBuilder()
            .File("cluster-addons/argo-workflows/kustomization.yaml", "resources: []\n")
            .File("cluster-addons/prometheus_operator/Chart.yaml", "name: p\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: cluster-addons
              namespace: argocd
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd.git
                  revision: HEAD
                  directories:
                  - path: cluster-addons/*
              template:
                metadata:
                  name: '{{.path.basenameNormalized}}'
                  labels:
                    segment: '{{index .path.segments 0}}'
                    upper: '{{ .path.basename | upper }}'
                    "{{ .path.basenameNormalized }}-key": templated
                spec:
                  project: "my-project"
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: '{{.path.path}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: '{{.path.basename}}'
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        Assert.Equal(["argo-workflows", "prometheus-operator"], expansion.Names());
        var app = expansion.App("prometheus-operator");
        Assert.Equal("cluster-addons/prometheus_operator", app.Text("/spec/source/path"));
        Assert.Equal("prometheus_operator", app.Text("/spec/destination/namespace"));
        Assert.Equal(("cluster-addons", "PROMETHEUS_OPERATOR", "templated"), (app.Labels["segment"], app.Labels["upper"], app.Labels["prometheus-operator-key"]));
    }

    [Fact]
    public void Git_files_are_nested_parameters_and_templatePatch_merges_into_the_application()
    {
        // Template.md "Template Patch": valueFiles and an optional automated sync from the parameters.
        using var repo = new RepoBuilder()
            .File("clusters/engineering-dev/config.yaml", "cluster: engineering-dev\nurl: https://kubernetes.default.svc\nautoSync: true\nprune: true\nvalueFiles:\n  - values.large.yaml\n  - values.debug.yaml\n")
            .File("clusters/engineering-prod/config.yaml", "cluster: engineering-prod\nurl: https://kubernetes.default.svc\nautoSync: false\nprune: false\nvalueFiles: [values.yaml]\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
              namespace: argocd
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd
                  revision: HEAD
                  files:
                  - path: clusters/*/config.yaml
              template:
                metadata:
                  name: '{{.cluster}}-deployment'
                  annotations:
                    file: '{{ .path.filename }} in {{ .path.path }} ({{ index .path.segments 1 }})'
                spec:
                  project: "default"
                  source:
                    repoURL: https://github.com/infra-team/cluster-deployments.git
                    targetRevision: HEAD
                    path: guestbook/{{ .cluster }}
                  destination:
                    server: '{{.url}}'
                    namespace: guestbook
              templatePatch: |
                spec:
                  source:
                    helm:
                      valueFiles:
                      {{- range $valueFile := .valueFiles }}
                        - {{ $valueFile }}
                      {{- end }}
                {{- if .autoSync }}
                  syncPolicy:
                    automated:
                      prune: {{ .prune }}
                {{- end }}
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        var dev = expansion.App("engineering-dev-deployment");
        Assert.Equal("guestbook/engineering-dev", dev.Text("/spec/source/path"));
        Assert.Equal("https://github.com/infra-team/cluster-deployments.git", dev.Text("/spec/source/repoURL"));
        Assert.Equal("""["values.large.yaml","values.debug.yaml"]""", dev.At("/spec/source/helm/valueFiles")!.ToJsonString());
        Assert.Equal("true", dev.At("/spec/syncPolicy/automated/prune")!.ToJsonString()); // a boolean, as the patch is YAML
        Assert.Equal("config.yaml in clusters/engineering-dev (engineering-dev)", dev.Annotations["file"]);
        Assert.Equal(29, dev.LineOf("/spec/syncPolicy/automated/prune")); // patched fields point at templatePatch
        var prod = expansion.App("engineering-prod-deployment");
        Assert.Null(prod.At("/spec/syncPolicy"));
        Assert.Equal("""["values.yaml"]""", prod.At("/spec/source/helm/valueFiles")!.ToJsonString());
    }

    [Fact]
    public void Missing_keys_fail_the_parameter_set_under_missingkey_error_and_print_no_value_otherwise()
    {
        const string Template = """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
            spec:
              goTemplate: true
            {0}
              generators:
              - list:
                  elements:
                  - cluster: dev
                    env: development
                  - cluster: prod
              template:
                metadata:
                  name: '{{.cluster}}-guestbook'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    path: 'guestbook/{{.env}}'
                  destination: {server: https://kubernetes.default.svc, namespace: guestbook}
            """;
        using var repo = new RepoBuilder();
        var strict = AppSetFixture.Expand(repo, "strict.yaml", Template.Replace("{0}", "  goTemplateOptions: [\"missingkey=error\"]"), AppSetFixture.WithHelm());
        Assert.Equal(["dev-guestbook"], strict.Names());
        var finding = Assert.Single(strict.Findings);
        Assert.Equal(("APPSET-TEMPLATE", global::GitOps.Build.Findings.Severity.Error, "strict.yaml", 21), (finding.RuleId, finding.Severity, finding.File, finding.Line));
        Assert.Contains("missingkey=error", finding.Message);

        var lenient = AppSetFixture.Expand(repo, "lenient.yaml", Template.Replace("{0}", ""), AppSetFixture.WithHelm());
        Assert.Empty(lenient.Findings);
        Assert.Equal("guestbook/<no value>", lenient.App("prod-guestbook").Text("/spec/source/path"));
    }

    [Fact]
    public void A_template_error_names_the_field_and_argo_cds_own_functions_render()
    {
        using var repo = new RepoBuilder();
        var broken = AppSetFixture.Expand(repo, "broken.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: broken
            spec:
              goTemplate: true
              generators:
              - list:
                  elements: [{cluster: dev}, {cluster: prod}]
              template:
                metadata:
                  name: '{{.cluster}}'
                spec:
                  project: '{{ if eq .cluster "prod" }}{{ fail "no prod here" }}{{ end }}default'
                  destination: {server: https://kubernetes.default.svc}
            """, AppSetFixture.WithHelm());
        Assert.Equal(["dev"], broken.Names());
        var finding = Assert.Single(broken.Findings);
        Assert.Equal(("APPSET-TEMPLATE", 14), (finding.RuleId, finding.Line));
        Assert.Contains("no prod here", finding.Message);

        var normalize = AppSetFixture.Expand(repo, "normalize.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: normalize
            spec:
              goTemplate: true
              generators:
              - list:
                  elements: [{cluster: Dev_1}]
              template:
                metadata:
                  name: '{{.cluster | normalize}}'
                spec:
                  project: default
                  destination: {server: https://kubernetes.default.svc}
            """, AppSetFixture.WithHelm());
        Assert.Empty(normalize.Findings);
        Assert.Equal(["dev-1"], normalize.Names());
    }

    [Fact]
    public void Matrix_interpolates_the_second_generator_with_go_templates()
    {
        using var repo = new RepoBuilder()
            .File("apps/web/config.json", """{"name": "web", "envs": "dev"}""")
            .File("apps/web/dev/kustomization.yaml", "resources: []\n")
            .File("apps/api/config.json", """{"name": "api"}""")
            .File("apps/api/dev/kustomization.yaml", "resources: []\n")
            .File("apps/api/prod/kustomization.yaml", "resources: []\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: matrix
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - matrix:
                  generators:
                  - git:
                      repoURL: https://github.com/argoproj/argo-cd.git
                      files:
                      - path: apps/*/config.json
                  - git:
                      repoURL: https://github.com/argoproj/argo-cd.git
                      pathParamPrefix: env
                      directories:
                      - path: '{{ .path.path }}/*'
              template:
                metadata:
                  name: '{{.name}}-{{.env.path.basename}}'
                spec:
                  project: default
                  source: {repoURL: https://github.com/argoproj/argo-cd.git, path: '{{.env.path.path}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: '{{.name}}'}
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        Assert.Equal(["api-dev", "api-prod", "web-dev"], expansion.Names());
        Assert.Equal("apps/api/prod", expansion.App("api-prod").Text("/spec/source/path"));
    }

    [Fact]
    public void Without_a_runnable_helm_go_templates_are_reported_not_expanded()
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
            """, ApplicationSetExpander.WithHelm(() => throw new FileNotFoundException("helm is not installed")));
        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-NOT-EXPANDED", 11), (finding.RuleId, finding.Line));
        Assert.Contains("helm is not installed", finding.Message);
    }

    [Fact]
    public void A_list_from_elementsYaml_takes_its_elements_from_a_git_file_in_a_matrix()
    {
        // Generators-List "elementsYaml": the list's elements come from the git file generator's parameters.
        using var repo = new RepoBuilder().File("applicationset/examples/list-generator/list-elementsYaml-example.yaml", """
            key:
              components:
                - name: component1
                  chart: podinfo
                  version: "6.3.2"
                  releaseName: component1
                  repoUrl: "https://stefanprodan.github.io/podinfo"
                  namespace: component1
                - name: component2
                  chart: podinfo
                  version: "6.3.3"
                  releaseName: component2
                  repoUrl: "ghcr.io/stefanprodan/charts"
                  namespace: component2
            """);
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: elements-yaml
              namespace: argocd
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - matrix:
                  generators:
                  - git:
                      repoURL: https://github.com/argoproj/argo-cd.git
                      revision: HEAD
                      files:
                      - path: applicationset/examples/list-generator/list-elementsYaml-example.yaml
                  - list:
                      elementsYaml: "{{ .key.components | toJson }}"
              template:
                metadata:
                  name: '{{.name}}'
                spec:
                  project: default
                  syncPolicy:
                    automated:
                      selfHeal: true
                    syncOptions:
                    - CreateNamespace=true
                  sources:
                    - chart: '{{.chart}}'
                      repoURL: '{{.repoUrl}}'
                      targetRevision: '{{.version}}'
                      helm:
                        releaseName: '{{.releaseName}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: '{{.namespace}}'
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        Assert.Equal(["component1", "component2"], expansion.Names());
        var second = expansion.App("component2");
        Assert.Equal(("podinfo", "ghcr.io/stefanprodan/charts", "6.3.3", "component2"),
            (second.Text("/spec/sources/0/chart"), second.Text("/spec/sources/0/repoURL"), second.Text("/spec/sources/0/targetRevision"), second.Text("/spec/destination/namespace")));
    }

    [Fact]
    public void The_cluster_generator_knows_the_in_cluster_destination()
    {
        // Generators-Cluster: the local cluster is "in-cluster" at https://kubernetes.default.svc; a selector does not match it
        // (and, with no other cluster known here, what it would select in Argo CD is said not to be expanded).
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
              namespace: argocd
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - clusters: {}
              - clusters:
                  selector:
                    matchLabels:
                      staging: "true"
              template:
                metadata:
                  name: '{{.name}}-guestbook'
                spec:
                  project: "my-project"
                  source:
                    repoURL: https://github.com/argoproj/argocd-example-apps/
                    targetRevision: HEAD
                    path: guestbook
                  destination:
                    server: '{{.server}}'
                    namespace: guestbook
            """, AppSetFixture.WithHelm());
        var notExpanded = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-NOT-EXPANDED", 12), (notExpanded.RuleId, notExpanded.Line));
        var app = Assert.Single(expansion.Applications);
        Assert.Equal(("in-cluster-guestbook", "https://kubernetes.default.svc"), (app.Name, app.Text("/spec/destination/server")));
    }

    [Fact]
    public void In_a_matrix_the_first_childs_parameters_override_the_seconds()
    {
        // Generators-Matrix "Overriding parameters from one child generator in another child generator".
        using var repo = new RepoBuilder()
            .File("test/stage.values.yaml", "stageName: test\ncpuRequest: 100m\ndebugEnabled: true\n")
            .File("staging/stage.values.yaml", "stageName: staging\n")
            .File("production/stage.values.yaml", "stageName: production\nmemoryLimit: 512Mi\ndebugEnabled: false\n")
            .File("global.values.yaml", "cpuRequest: 200m\nmemoryLimit: 256Mi\ndebugEnabled: true\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: parameter-override-example
            spec:
              generators:
                - matrix:
                    generators:
                      - git:
                          repoURL: https://github.com/argoproj/argo-cd.git
                          revision: HEAD
                          files:
                            - path: "**/stage.values.yaml"
                      - git:
                           repoURL: https://github.com/argoproj/argo-cd.git
                           revision: HEAD
                           files:
                              - path: "global.values.yaml"
              goTemplate: true
              template:
                metadata:
                  name: '{{.stageName}}'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/example/example-app.git
                    targetRevision: HEAD
                    path: .
                    helm:
                      values: |
                        {{ `{{ . | mustToPrettyJson }}` }}
                        cpu: {{ .cpuRequest }}, memory: {{ .memoryLimit }}, debug: {{ .debugEnabled }}
                  destination:
                    server: in-cluster
                    namespace: default
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        string Values(string name) => expansion.App(name).Text("/spec/source/helm/values")!;
        Assert.Equal("{{ . | mustToPrettyJson }}\ncpu: 100m, memory: 256Mi, debug: true\n", Values("test"));
        Assert.EndsWith("cpu: 200m, memory: 256Mi, debug: true\n", Values("staging"));
        Assert.EndsWith("cpu: 200m, memory: 512Mi, debug: false\n", Values("production"));
    }

    [Fact]
    public void Git_file_values_are_rendered_with_the_generators_parameters_and_excludes_apply()
    {
        // Generators-Git "Pass additional key-value pairs via values field" and "Exclude files".
        const string Dir = "applicationset/examples/git-generator-files-discovery/cluster-config/engineering";
        using var repo = new RepoBuilder()
            .File($"{Dir}/dev/config.json", """{"cluster": {"name": "engineering-dev", "address": "https://1.2.3.4"}}""")
            .File($"{Dir}/prod/config.json", """{"cluster": {"name": "engineering-prod", "address": "https://1.2.3.5"}}""")
            .File($"{Dir}/qa/config.json", """{"cluster": {"name": "engineering-qa", "address": "https://1.2.3.6"}}""");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
              namespace: argocd
            spec:
              goTemplate: true
              goTemplateOptions: ["missingkey=error"]
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd.git
                  revision: HEAD
                  files:
                  - path: "applicationset/examples/git-generator-files-discovery/cluster-config/**/config.json"
                  - path: "applicationset/examples/git-generator-files-discovery/cluster-config/*/qa/config.json"
                    exclude: true
                  values:
                    base_dir: "{{index .path.segments 0}}/{{index .path.segments 1}}/{{index .path.segments 2}}"
              template:
                metadata:
                  name: '{{.cluster.name}}-guestbook'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    targetRevision: HEAD
                    path: "{{.values.base_dir}}/apps/guestbook"
                  destination:
                    server: '{{.cluster.address}}'
                    namespace: guestbook
            """, AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        Assert.Equal(["engineering-dev-guestbook", "engineering-prod-guestbook"], expansion.Names());
        var prod = expansion.App("engineering-prod-guestbook");
        Assert.Equal("applicationset/examples/git-generator-files-discovery/apps/guestbook", prod.Text("/spec/source/path"));
        Assert.Equal("https://1.2.3.5", prod.Text("/spec/destination/server"));
    }
}
