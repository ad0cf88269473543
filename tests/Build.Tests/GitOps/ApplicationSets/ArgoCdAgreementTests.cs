using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// The seven ways an ApplicationSet once expanded differently here than in Argo CD (issue 25), each a
/// small repository a user could commit, with what Argo CD's controller generates for it. The
/// expectation is taken from Argo CD's own tests under applicationset/ (github argoproj/argo-cd),
/// named in each test.
/// </summary>
public sealed class ArgoCdAgreementTests
{
    private const string Repo = AppSetFixture.RepoUrl;

    /// <summary>A list ApplicationSet over <paramref name="elements"/>, named by <paramref name="name"/>, with <paramref name="spec"/> added under spec.</summary>
    private static string ListSet(string elements, string name, string extra = "", string generatorExtra = "", string goTemplate = "goTemplate: true", string ns = "apps") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: set
          namespace: argocd
        spec:
          {{goTemplate}}
        {{extra}}
          generators:
          - list:
              elements: {{elements}}
        {{generatorExtra}}
          template:
            metadata:
              name: '{{name}}'
            spec:
              project: default
              source: {repoURL: {{Repo}}, path: apps}
              destination: {server: https://kubernetes.default.svc, namespace: '{{ns}}'}
        """;

    [Fact]
    public void Class1_a_selector_indexes_into_a_list_parameter()
    {
        // generator_spec_processor_test.go, TestMatchValuesGoTemplate, "values.0 should be bar":
        // with goTemplate the parameters are flattened for the selector, so values.0 is the first element of values.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            """[{cluster: in, values: [bar]}, {cluster: out, values: [foo]}]""", "{{.cluster}}",
            generatorExtra: "    selector:\n      matchLabels:\n        values.0: bar"), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        Assert.Equal(["in"], expansion.Names());
    }

    [Fact]
    public void Class1_numbers_in_flattened_parameters_read_as_go_prints_them()
    {
        // Argo CD flattens with fmt's %v of a float64 (generator_spec_processor.go's flattenParameters; git.go
        // does the same for fasttemplate file parameters): 1000000 is "1e+06", 8080 is "8080".
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            """[{cluster: big, limits: {memory: 1000000}}, {cluster: small, limits: {memory: 8080}}]""", "{{.cluster}}",
            generatorExtra: "    selector:\n      matchExpressions:\n      - {key: limits.memory, operator: In, values: ['1e+06']}"), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        Assert.Equal(["big"], expansion.Names());
        Assert.Equal("1.2345678e+07", Parameters.Text(System.Text.Json.Nodes.JsonValue.Create(12345678)));
        Assert.Equal("0.0001", Parameters.Text(System.Text.Json.Nodes.JsonValue.Create(0.0001)));
        Assert.Equal("1e-05", Parameters.Text(System.Text.Json.Nodes.JsonValue.Create(0.00001)));
        Assert.Equal("123456", Parameters.Text(System.Text.Json.Nodes.JsonValue.Create(123456)));
        Assert.Equal("-2.5", Parameters.Text(System.Text.Json.Nodes.JsonValue.Create(-2.5)));
    }

    [Fact]
    public void Class2_an_empty_parameter_set_leaves_the_template_as_written()
    {
        // utils_test.go, TestRenderTemplateParamsGoTemplate, "Test No Data": {{.data}} with no parameters
        // stays "{{.data}}"; RenderTemplateParams returns the template untouched, so no finalizer is added either.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: set
              namespace: argocd
            spec:
              goTemplate: true
              generators:
              - list:
                  elements: [{}]
              template:
                metadata:
                  name: untouched
                  annotations:
                    data: '{{.data}}'
                spec:
                  project: default
                  source: {repoURL: https://github.com/argoproj/argo-cd.git, path: apps}
                  destination: {server: https://kubernetes.default.svc, namespace: apps}
            """, AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("untouched");
        Assert.Equal("{{.data}}", app.Text("/metadata/annotations/data"));
        Assert.Null(app.At("/metadata/finalizers"));
        Assert.Equal("argocd", app.Namespace);
    }

    [Fact]
    public void Class3_fromYaml_on_text_that_is_not_yaml_fails_the_set()
    {
        // utils_test.go, TestRenderTemplateParamsGoTemplate, "fromYaml" (hello: world gives "world"), "fromYamlArray",
        // "fromYaml error" and "fromYamlArray error" ("non\n compliant\n yaml" fails: error calling fromYaml).
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            """[{cluster: good, value: "hello: world"}, {cluster: bad, value: "non\n compliant\n yaml"}, {cluster: list, value: "- hello world\n- bonjour tout le monde"}, {cluster: listbad, value: "non\n compliant\n yaml"}]""",
            """{{.cluster}}-{{ if hasPrefix "list" .cluster }}{{ .value | fromYamlArray | len }}{{ else }}{{ get (fromYaml .value) "hello" }}{{ end }}"""),
            AppSetFixture.WithHelm());

        Assert.Equal(["good-world", "list-2"], expansion.Names());
        Assert.Equal(2, expansion.Findings.Count);
        Assert.All(expansion.Findings, f => Assert.Equal(("APPSET-TEMPLATE", 15), (f.RuleId, f.Line)));
        Assert.Contains(expansion.Findings, f => f.Message.Contains("(parameter set 2 of 4): error calling fromYaml: error unmarshaling JSON"));
        Assert.Contains(expansion.Findings, f => f.Message.Contains("(parameter set 4 of 4): error calling fromYamlArray: error unmarshaling JSON"));
    }

    [Fact]
    public void Class4_an_empty_git_file_gives_one_set_of_path_parameters()
    {
        // git_test.go, Test_generateParamsFromGitFile, "empty file returns path parameters".
        using var repo = new RepoBuilder()
            .File("clusters/empty/config.yaml", "")
            .File("clusters/comment/config.yaml", "# nothing set yet\n")
            .File("clusters/full/config.yaml", "cluster: full\n---\ncluster: second-document\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", GitFilesSet("clusters/*/config.yaml"));

        Assert.Empty(expansion.Findings);
        // The first document only, as Kubernetes' YAML library reads a file.
        Assert.Equal(["comment", "empty", "full"], expansion.Names());
        Assert.Equal("clusters/empty", expansion.App("empty").Text("/spec/source/path"));
        Assert.Equal("full", expansion.App("full").Labels["cluster"]);
        Assert.Equal("{{cluster}}", expansion.App("empty").Labels["cluster"]); // no such parameter: fasttemplate keeps the tag
    }

    [Fact]
    public void Class4_a_git_file_that_is_not_an_object_fails_the_generator_and_says_so()
    {
        // git_test.go, Test_generateParamsFromGitFile, "invalid json/yaml file returns error" and
        // TestGitGenerateParamsFromFiles, "test invalid JSON file returns error": the generator fails;
        // "test empty YAML array": [] gives no parameters and no error.
        using var repo = new RepoBuilder()
            .File("clusters/good/config.yaml", "cluster: good\n")
            .File("clusters/none/config.yaml", "[]\n")
            .File("clusters/text/config.yaml", "this is not json or yaml\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", GitFilesSet("clusters/*/config.yaml"));

        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-INVALID", global::GitOps.Build.Findings.Severity.Error, 10), (finding.RuleId, finding.Severity, finding.Line));
        Assert.Contains("clusters/text/config.yaml is a string, not a YAML or JSON object", finding.Message);

        using var lists = new RepoBuilder()
            .File("clusters/a/config.yaml", "- cluster: a\n- just text\n");
        Assert.Contains("a list holding something other than objects", Assert.Single(AppSetFixture.Expand(lists, "appset.yaml", GitFilesSet("clusters/*/config.yaml")).Findings).Message);

        using var empty = new RepoBuilder().File("clusters/a/config.yaml", "[]\n");
        var none = AppSetFixture.Expand(empty, "appset.yaml", GitFilesSet("clusters/*/config.yaml"));
        Assert.Empty(none.Applications);
        Assert.Empty(none.Findings);
    }

    private static string GitFilesSet(string path) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: clusters
        spec:
          generators:
          - git:
              repoURL: {{{Repo}}}
              revision: HEAD
              files:
              - path: "{{{path}}}"
          template:
            metadata:
              name: '{{path.basename}}'
              labels:
                cluster: '{{cluster}}'
            spec:
              project: default
              source: {repoURL: {{{Repo}}}, path: '{{path}}'}
              destination: {server: https://kubernetes.default.svc, namespace: apps}
        """;

    [Fact]
    public void Class5_a_matrix_child_naming_two_generators_is_refused()
    {
        // matrix_test.go, TestMatrixGenerate, "returns error if there is more than one inner generator in the
        // second base generator" (ErrMoreThenOneInnerGenerators); merge.go refuses the same.
        using var repo = new RepoBuilder().File("apps/web/kustomization.yaml", "resources: []\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: matrix
            spec:
              generators:
              - matrix:
                  generators:
                  - list:
                      elements: [{env: dev}]
                  - git:
                      repoURL: {{{Repo}}}
                      directories: [{path: apps/*}]
                    list:
                      elements: [{app: web}]
              template:
                metadata: {name: '{{env}}-{{path.basename}}'}
                spec:
                  project: default
                  source: {repoURL: {{{Repo}}}, path: '{{path}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: apps}
            """);

        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-INVALID", 11), (finding.RuleId, finding.Line));
        Assert.Contains("names 2 generators (list, git)", finding.Message);
    }

    [Fact]
    public void Class5_a_top_level_entry_naming_two_generators_runs_both()
    {
        // generator_spec_processor.go: Transform runs every generator GetRelevantGenerators finds in one
        // entry (TestGetRelevantGenerators), each with its own template; only a matrix or merge child is refused.
        using var repo = new RepoBuilder().File("apps/web/kustomization.yaml", "resources: []\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: both
            spec:
              generators:
              - git:
                  repoURL: {{{Repo}}}
                  directories: [{path: apps/*}]
                list:
                  elements: [{path.basename: from-list, path: apps/web}]
              template:
                metadata: {name: '{{path.basename}}'}
                spec:
                  project: default
                  source: {repoURL: {{{Repo}}}, path: '{{path}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: apps}
            """);

        Assert.Empty(expansion.Findings);
        Assert.Equal(["from-list", "web"], expansion.Names()); // list first: Argo CD's order of generator kinds
    }

    [Fact]
    public void Class6_a_lookup_through_a_missing_key_prints_no_value()
    {
        // cluster_test.go, TestGenerateParamsGoTemplate, "no label selector": values render against the
        // generator's own parameters, where .values is missing, so "{{ .values.lol1 }}{{ .values.lol1 }}" is
        // "<no value><no value>" and "{{ .thisDoesNotExist }}" is "<no value>"; Go's text/template (default
        // missingkey) carries "no value" through .nope.deeper the same way.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: clusters
            spec:
              goTemplate: true
              generators:
              - clusters:
                  values:
                    lol1: lol
                    lol2: '{{ .values.lol1 }}{{ .values.lol1 }}'
                    no-op: '{{ .thisDoesNotExist }}'
                    aaa: '{{ .server }}'
              template:
                metadata:
                  name: '{{ .name }}'
                  annotations:
                    lol2: '{{ .values.lol2 }}'
                    no-op: '{{ index .values "no-op" }}'
                    aaa: '{{ .values.aaa }}'
                    deeper: '{{ .nope.deeper }}|{{ $.nope.deeper.deepest }}|{{ .nope.deeper | default "fallback" }}'
                    variables: '{{ $x := .nope }}{{ $x.a }}|{{ $x.a.b }}|{{ $v := .values }}{{ $v.lol1 }}|{{ $v.nope.deeper }}'
                spec:
                  project: default
                  source: {repoURL: https://github.com/argoproj/argo-cd.git, path: apps}
                  destination: {server: '{{ .server }}', namespace: apps}
            """, AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("in-cluster");
        Assert.Equal("<no value><no value>", app.Text("/metadata/annotations/lol2"));
        Assert.Equal("<no value>", app.Text("/metadata/annotations/no-op"));
        Assert.Equal("https://kubernetes.default.svc", app.Text("/metadata/annotations/aaa"));
        Assert.Equal("<no value>|<no value>|fallback", app.Text("/metadata/annotations/deeper"));
        Assert.Equal("<no value>|<no value>|lol|<no value>", app.Text("/metadata/annotations/variables"));
    }

    [Fact]
    public void Class6_with_missingkey_error_a_lookup_through_a_missing_key_fails_as_in_argo_cd()
    {
        // utils_test.go, TestRenderTemplateParamsGoTemplate, "lookup missing value with missingkey=error".
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            "[{cluster: dev, nope: {deeper: here}}, {cluster: prod}]", "{{.cluster}}-{{.nope.deeper}}",
            extra: "  goTemplateOptions: [\"missingkey=error\"]"), AppSetFixture.WithHelm());

        Assert.Equal(["dev-here"], expansion.Names());
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal("APPSET-TEMPLATE", finding.RuleId);
        Assert.Contains("parameter set 2 of 2", finding.Message);
    }

    [Fact]
    public void Class6_a_value_that_is_there_but_null_still_fails()
    {
        // Go's text/template: a field looked up on a nil value (the key is there, its value null) is
        // "nil pointer evaluating interface {}" whatever missingkey says; Argo CD fails this set too.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            "[{cluster: dev, nope: null}]", "{{.cluster}}-{{.nope.deeper}}"), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Applications);
        Assert.Equal("APPSET-TEMPLATE", Assert.Single(expansion.Findings).RuleId);
    }

    /// <summary>A matrix of a list ({some: value}) and a git file generator with <paramref name="values"/>, over a repository holding some/path.json.</summary>
    private static ApplicationSetExpansion MatrixWithValues(RepoBuilder repo, string values, string metadata) => AppSetFixture.Expand(
        repo.File("some/path.json", "test: content\n"), "appset.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: matrix
            spec:
              goTemplate: true
              generators:
              - matrix:
                  generators:
                  - list:
                      elements: [{some: value}]
                  - git:
                      repoURL: {{{Repo}}}
                      files: [{path: some/path.json}]
                      values:
            {{{values}}}
              template:
                metadata:
            {{{metadata}}}
                spec:
                  project: default
                  source: {repoURL: {{{Repo}}}, path: '{{.path.path}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: apps}
            """, AppSetFixture.WithHelm());

    [Fact]
    public void Class7_a_matrix_childs_values_use_its_own_parameters()
    {
        // matrix_test.go, TestGitGenerator_GenerateParams_list_x_git_matrix_generator_go_templates_values, and
        // utils_test.go, TestRenderGeneratorParams_ValuesInterpolation ("self-referential key is deferred",
        // "cross-generator key is resolved"): a value the first child's parameters answer is filled in from
        // them, one naming the second child's own parameters waits for them.
        using var repo = new RepoBuilder();
        var expansion = MatrixWithValues(repo, """
                        foo: '{{.path.basename}}'
                        fromFirst: '{{.some}}'
                        both: '{{.some}}-{{.path.basename}}'
            """, """
                  name: '{{.values.foo}}-{{.some}}'
                  annotations:
                    test: '{{.test}}'
                    fromFirst: '{{.values.fromFirst}}'
                    both: '{{.values.both}}'
            """);

        Assert.Empty(expansion.Findings);
        var app = expansion.App("some-value");
        Assert.Equal(("content", "value"), (app.Text("/metadata/annotations/test"), app.Text("/metadata/annotations/fromFirst")));
        // Kept whole for the second child, which has no .some: Argo CD gives the same.
        Assert.Equal("<no value>-some", app.Text("/metadata/annotations/both"));
    }

    [Fact]
    public void Class7_a_value_that_fails_for_another_reason_still_fails()
    {
        // utils.go's RenderGeneratorParams keeps a value only on a missing key; any other error fails the child.
        using var repo = new RepoBuilder();
        var expansion = MatrixWithValues(repo, """
                        broken: '{{ fail "stop here" }}'
            """, """
                  name: '{{.some}}'
            """);

        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-TEMPLATE", 16), (finding.RuleId, finding.Line));
        Assert.Contains("stop here", finding.Message);
    }

    [Fact]
    public void Without_go_templates_list_elements_hold_strings_only()
    {
        // Generators-List.md: "any key/value pairs (as long as the values are string values)"; list.go fails the
        // generator on another value (error parsing value as string). elementsYaml's elements are taken as they
        // are, and fasttemplate fills in only strings, so a number's tag stays.
        using var repo = new RepoBuilder();
        var numbers = AppSetFixture.Expand(repo, "numbers.yaml", ListSet("[{cluster: dev, replicas: 2}]", "{{cluster}}", goTemplate: ""));
        Assert.Empty(numbers.Applications);
        var finding = Assert.Single(numbers.Findings);
        Assert.Equal(("APPSET-INVALID", 11), (finding.RuleId, finding.Line));
        Assert.Contains("replicas is number, not a string", finding.Message);

        var yaml = AppSetFixture.Expand(repo, "yaml.yaml", ListSet("[]", "{{cluster}}-{{replicas}}", goTemplate: "",
            generatorExtra: "      elementsYaml: '[{cluster: dev, replicas: 2}]'"));
        Assert.Empty(yaml.Findings);
        Assert.Equal(["dev-{{replicas}}"], yaml.Names());
    }

    [Fact]
    public void A_function_only_helm_has_fails_as_in_argo_cd()
    {
        // utils_test.go, TestRenderTemplateParamsGoTemplate, "Test Parse Error": a function Argo CD's engine does
        // not define fails to parse. helm's include, tpl and required are not Argo CD's (utils.go's function map is
        // sprig's with normalize, slugify, toYaml, fromYaml and fromYamlArray added).
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet("[{cluster: dev}]", """{{ required "a cluster" .cluster }}"""), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Applications);
        var finding = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-TEMPLATE", 15), (finding.RuleId, finding.Line));
        Assert.Contains("function required is helm's, not Argo CD's", finding.Message);
    }

    [Fact]
    public void Each_field_is_parsed_on_its_own_as_in_argo_cd()
    {
        // utils.go's Render parses each string field of the template as a template of its own (template.New("").Parse).
        // A stray {{ end }} then fails to parse ("unexpected {{end}}"); here it used to close the define the field was
        // written into, so the field rendered and what followed it was template text outside any field.
        using var repo = new RepoBuilder();
        var stray = AppSetFixture.Expand(repo, "stray.yaml", ListSet("[{cluster: dev}]", """x{{ end }}{{ define "y" }}"""), AppSetFixture.WithHelm());
        Assert.Empty(stray.Applications);
        var finding = Assert.Single(stray.Findings);
        Assert.Equal(("APPSET-TEMPLATE", 15), (finding.RuleId, finding.Line));
        Assert.Contains("unexpected {{end}}", finding.Message);
        Assert.DoesNotContain("appset/templates", finding.Message);

        // A field may define a template and use it (text/template's Parse reads the define): it renders, as there.
        var defined = AppSetFixture.Expand(repo, "defined.yaml", ListSet("[{cluster: dev}]", """{{ define "n" }}app-{{ .cluster }}{{ end }}{{ template "n" . }}"""), AppSetFixture.WithHelm());
        Assert.Empty(defined.Findings);
        Assert.Equal(["app-dev"], defined.Applications.Select(a => a.Name));
    }

    [Fact]
    public void A_template_a_field_defines_is_its_own_as_in_argo_cd()
    {
        // Argo CD parses each field alone, so a name a field defines is that field's: two fields may define "n" each
        // their way, and a define cannot change how another field, or Argo CD's slugify, renders. Here the fields are
        // one chart: a pull request could otherwise have the suite check a namespace other than the one Argo CD deploys to.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "defines.yaml", ListSet("[{cluster: Dev_1}]",
            """{{ define "n" }}{{ .cluster | slugify }}{{ end }}{{ template "n" . }}{{ define "appset.slugify" }}checked{{ end }}""",
            ns: """{{ define "n" }}kube-system{{ end }}{{ template "n" }}"""), AppSetFixture.WithHelm());
        Assert.Empty(expansion.Findings);
        var application = Assert.Single(expansion.Applications);
        Assert.Equal(("dev-1", "kube-system"), (application.Name, application.Text("/spec/destination/namespace")));

        // A field knows only its own: a name another field defines is no template there, as in Argo CD.
        var other = AppSetFixture.Expand(repo, "other.yaml", ListSet("[{cluster: dev}]", """{{ template "m" }}{{ .cluster }}""", ns: """{{ define "m" }}y{{ end }}apps"""), AppSetFixture.WithHelm());
        var finding = Assert.Single(other.Findings);
        Assert.Equal("APPSET-TEMPLATE", finding.RuleId);
        Assert.Contains("not defined", finding.Message); // text/template's "template %q not defined" (the name redacted, as helm's quoted values are)
        Assert.DoesNotContain("appset", finding.Message);
    }

    /// <summary>An ApplicationSet with the list element <paramref name="element"/> (or elements) whose Application, named <paramref name="name"/>, carries <paramref name="annotations"/>.</summary>
    private static string Annotated(string element, string annotations, string name = "app") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: set
        spec:
          goTemplate: true
          generators:
          - list:
              elements: [{{element}}]
          template:
            metadata:
              name: '{{name}}'
              annotations:
        {{annotations}}
            spec:
              project: default
              source: {repoURL: {{Repo}}, path: apps}
              destination: {server: https://kubernetes.default.svc, namespace: apps}
        """;

    [Fact]
    public void Slugify_as_in_argo_cds_pull_request_template_test()
    {
        // controllers/template/template_test.go, TestGenerateAppsUsingPullRequestGenerator: the labels
        // "AppSet-{{.branch_slugify_default | slugify }}", "... | slugify 49 false" and "... | slugify 50 true"
        // give "AppSet-feat-a-really-long-pull-request-name-to-test-argo", "AppSet-feat-areallylongpullrequestnametotestargoslugific"
        // and "AppSet-feat" (the pull request generator's parameters, given here as a list element).
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: pulls
            spec:
              goTemplate: true
              generators:
              - list:
                  elements:
                  - number: "1"
                    branch: branch1
                    branch_slug: branchSlug1
                    head_sha: 089d92cbf9ff857a39e6feccd32798ca700fb958
                    head_short_sha: 089d92cb
                    branch_slugify_default: feat/a_really+long_pull_request_name_to_test_argo_slugification_and_branch_name_shortening_feature
                    branch_slugify_smarttruncate_disabled: feat/areallylongpullrequestnametotestargoslugificationandbranchnameshorteningfeature
                    branch_slugify_smarttruncate_enabled: feat/testwithsmarttruncateenabledramdomlonglistofcharacters
                    labels: [label1]
              template:
                metadata:
                  name: 'AppSet-{{.branch}}-{{.number}}'
                  labels:
                    app1: '{{index .labels 0}}'
                    branch-test1: 'AppSet-{{.branch_slugify_default | slugify }}'
                    branch-test2: 'AppSet-{{.branch_slugify_smarttruncate_disabled | slugify 49 false }}'
                    branch-test3: 'AppSet-{{.branch_slugify_smarttruncate_enabled | slugify 50 true }}'
                spec:
                  project: default
                  source: {repoURL: https://testurl/testRepo, targetRevision: '{{.head_short_sha}}'}
                  destination: {server: https://kubernetes.default.svc, namespace: 'AppSet-{{.branch_slug}}-{{.head_sha}}'}
            """, AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("AppSet-branch1-1");
        Assert.Equal("label1", app.Text("/metadata/labels/app1"));
        Assert.Equal("AppSet-feat-a-really-long-pull-request-name-to-test-argo", app.Text("/metadata/labels/branch-test1"));
        Assert.Equal("AppSet-feat-areallylongpullrequestnametotestargoslugific", app.Text("/metadata/labels/branch-test2"));
        Assert.Equal("AppSet-feat", app.Text("/metadata/labels/branch-test3"));
        Assert.Equal("089d92cb", app.Text("/spec/source/targetRevision"));
        Assert.Equal("AppSet-branchSlug1-089d92cbf9ff857a39e6feccd32798ca700fb958", app.Text("/spec/destination/namespace"));
    }

    [Fact]
    public void Slugify_as_in_argo_cds_TestSlugify()
    {
        // utils/utils_test.go, TestSlugify: SlugifyName(length, smartTruncate, branch) for its four cases, written
        // as a template would call it (slugify LENGTH SMART NAME).
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Annotated(
            "{underscores: feat/a_really+long_pull_request_name_to_test_argo_slugification_and_branch_name_shortening_feature, oneword: feat/areallylongpullrequestnametotestargoslugificationandbranchnameshorteningfeature}",
            """
                    case1: '{{ slugify 50 false .underscores }}'
                    case2: '{{ slugify 53 true .underscores }}'
                    case3: '{{ slugify 50 true .oneword }}'
                    case4: '{{ slugify 50 false .oneword }}'
            """), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("app");
        Assert.Equal("feat-a-really-long-pull-request-name-to-test-argo", app.Text("/metadata/annotations/case1"));
        Assert.Equal("feat-a-really-long-pull-request-name-to-test-argo", app.Text("/metadata/annotations/case2"));
        Assert.Equal("feat", app.Text("/metadata/annotations/case3"));
        Assert.Equal("feat-areallylongpullrequestnametotestargoslugifica", app.Text("/metadata/annotations/case4"));
    }

    [Fact]
    public void Normalize_as_in_argo_cds_TestSanitizeClusterName()
    {
        // generators/cluster_test.go, TestSanitizeClusterName: SanitizeName (the template function normalize)
        // keeps "cluster-name" and makes "-.--CLUSTER/name  -./.-" "cluster-name"; cluster_test.go's clusters
        // give nameNormalized "production-01-west" for "production_01/west". GoTemplate.md: at most 253
        // characters, only lowercase alphanumerics, '-' and '.', starting and ending with an alphanumeric.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Annotated(
            """{valid: cluster-name, invalid: "-.--CLUSTER/name  -./.-", cluster: production_01/west, long: Ü""" + new string('a', 300) + "}",
            """
                    valid: '{{ normalize .valid }}'
                    invalid: '{{ .invalid | normalize }}'
                    cluster: '{{ normalize .cluster }}/{{ .cluster | normalize | upper }}'
                    long: '{{ .long | normalize | len }}'
            """), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("app");
        Assert.Equal("cluster-name", app.Text("/metadata/annotations/valid"));
        Assert.Equal("cluster-name", app.Text("/metadata/annotations/invalid"));
        Assert.Equal("production-01-west/PRODUCTION-01-WEST", app.Text("/metadata/annotations/cluster"));
        // "-" then 252 a's: cut at 253, then the leading '-' trimmed.
        Assert.Equal("252", app.Text("/metadata/annotations/long"));
    }

    [Fact]
    public void Slugify_takes_its_arguments_as_argo_cd_does()
    {
        // GoTemplate.md: "The first argument (if provided) is an integer specifying the maximum length ... The
        // second argument (if provided) is a boolean indicating whether smart truncation is enabled ... The last
        // argument (if provided) is the input name"; its example pipes the name: '{{ cat .branch | slugify 23 }}'.
        // utils.go's SlugifyName: defaults 50 and true, a fourth argument and more are ignored, no name is "";
        // the name goes through SanitizeName ('/' and '_' become '-'), then gosimple/slug's Make ('.' becomes '-',
        // runs of '-' one), and smart truncation cuts at the last '-' at or before the maximum.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Annotated(
            "{branch: Feature/JIRA-123_Add.New..Login---Page}",
            """
                    label-1: '{{ cat .branch | slugify }}'
                    label-2: '{{ cat .branch | slugify 23 }}'
                    label-3: '{{ cat .branch | slugify 20 false }}'
                    more: '{{ slugify 23 true "ignored" .branch }}'
                    none: '[{{ slugify }}]'
                    nested: '{{ printf "%s-%s" (slugify 8 .branch) (normalize .branch) }}'
                    word: '{{ slugify 5 "abcdefghij" }}|{{ slugify 0 "a.b" }}|{{ slugify -3 true "a.b" }}'
            """), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("app");
        Assert.Equal("feature-jira-123-add-new-login-page", app.Text("/metadata/annotations/label-1"));
        Assert.Equal("feature-jira-123-add", app.Text("/metadata/annotations/label-2"));
        Assert.Equal("feature-jira-123-add", app.Text("/metadata/annotations/label-3"));
        Assert.Equal("feature-jira-123-add", app.Text("/metadata/annotations/more"));
        Assert.Equal("[]", app.Text("/metadata/annotations/none"));
        Assert.Equal("feature-feature-jira-123-add.new..login---page", app.Text("/metadata/annotations/nested"));
        // One word longer than the maximum is cut at it; 0 or less means no smart truncation at all.
        Assert.Equal("abcde|a-b|a-b", app.Text("/metadata/annotations/word"));
    }

    [Fact]
    public void Normalize_and_slugify_fail_on_arguments_argo_cd_refuses()
    {
        // utils.go's SlugifyName asserts its arguments' types (arg.(int), arg.(bool), arg.(string)), which fails
        // the template ("interface conversion"); a number from the parameters is a float64 there (the parameters are
        // decoded JSON). SanitizeName takes one string (Go's text/template: "wrong type for value", "wrong number
        // of args"). Without smart truncation a negative maximum cuts out of range.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ListSet(
            """[{cluster: a, max: 20}, {cluster: b, n: 5}, {cluster: c}, {cluster: d}, {cluster: e}, {cluster: f}]""",
            """{{.cluster}}-{{ if eq .cluster "a" }}{{ slugify .max .cluster }}{{ else if eq .cluster "b" }}{{ normalize .n }}""" +
            """{{ else if eq .cluster "c" }}{{ normalize .cluster .cluster }}{{ else if eq .cluster "d" }}{{ slugify 5 "yes" .cluster }}""" +
            """{{ else if eq .cluster "e" }}{{ slugify 5 false .nope }}{{ else }}{{ slugify -1 false .cluster }}{{ end }}"""),
            AppSetFixture.WithHelm());

        Assert.Empty(expansion.Applications);
        var messages = expansion.Findings.Select(f => (f.RuleId, f.Message)).ToList();
        Assert.Equal(6, messages.Count);
        Assert.All(messages, m => Assert.Equal("APPSET-TEMPLATE", m.RuleId));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 1 of 6): error calling slugify: interface conversion: interface {} is float64, not int"));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 2 of 6): wrong type for value; expected string; got float64"));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 3 of 6): wrong number of args for normalize: want 1 got 2"));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 4 of 6): error calling slugify: interface conversion: interface {} is string, not bool"));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 5 of 6): error calling slugify: interface conversion: interface {} is nil, not string"));
        Assert.Contains(messages, m => m.Message.EndsWith("(parameter set 6 of 6): error calling slugify: runtime error: slice bounds out of range [:-1]"));
    }

    [Fact]
    public void FromJson_on_text_that_is_not_json_gives_nothing()
    {
        // Argo CD's function map is sprig's (utils.go), and sprig's fromJson "decodes JSON into a structured value,
        // ignoring errors" (defaults.go: json.Unmarshal into an interface{}, the error dropped): text that is not JSON
        // gives nil (printed "<no value>", "null" through toJson), and any JSON value is decoded, not only an object.
        // helm's own fromJson returns a map holding the error instead, and reads only objects.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Annotated(
            """{object: '{"name": "web", "replicas": 2}', list: '[1, "two"]', text: '"hello"', bad: 'not json', two: '1, 2', empty: ''}""",
            """
                    object: '{{ (fromJson .object).name }}-{{ .object | fromJson | toJson }}'
                    list: '{{ .list | fromJson | toJson }}|{{ index (fromJson .list) 1 }}'
                    text: '{{ fromJson .text }}'
                    bad: '{{ fromJson .bad }}|{{ .bad | fromJson | toJson }}|{{ fromJson .bad | default "fallback" }}'
                    two: '{{ .two | fromJson | toJson }}|{{ .empty | fromJson | toJson }}'
            """), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("app");
        Assert.Equal("""web-{"name":"web","replicas":2}""", app.Text("/metadata/annotations/object"));
        Assert.Equal("""[1,"two"]|two""", app.Text("/metadata/annotations/list"));
        Assert.Equal("hello", app.Text("/metadata/annotations/text"));
        Assert.Equal("<no value>|null|fallback", app.Text("/metadata/annotations/bad"));
        Assert.Equal("null|null", app.Text("/metadata/annotations/two"));
    }

    [Fact]
    public void The_normalized_parameters_follow_the_rule_of_normalize()
    {
        // cluster.go's nameNormalized and the git generator's path.basenameNormalized are SanitizeName, which is
        // the function normalize: one rule, computed in C# for parameters and in Go for templates. Go lower-cases
        // with its own case mapping and replaces each character (rune) with one '-', however many UTF-16 units it takes.
        string[] names = ["a\U0001F600b", "\u0130STANBUL", "\u212Aelvin-\u017Fign", "Stra\u00DFe", new string('\u00E9', 260) + "x", "x" + string.Concat(Enumerable.Repeat("\U0001F600", 200)) + "y"];
        using var repo = new RepoBuilder();
        var elements = string.Join(", ", names.Select((n, i) => $"{{cluster: c{i}, name: {System.Text.Json.JsonSerializer.Serialize(n)}}}"));
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Annotated(elements, "        normalized: '{{ normalize .name }}'", name: "{{ .cluster }}"), AppSetFixture.WithHelm());

        Assert.Empty(expansion.Findings);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(expansion.App($"c{i}").Text("/metadata/annotations/normalized"), Names.Normalize(names[i]));
        }
    }
}
