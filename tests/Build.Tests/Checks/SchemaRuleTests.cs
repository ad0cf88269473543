using GitOps.Build.Checks;
using GitOps.Build.Checks.Schema;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Checks;

public sealed class SchemaRuleTests
{
    private static IReadOnlyList<Finding> Check(string yaml)
    {
        var objects = Snippets.Objects(yaml);
        var sink = new FindingSink();
        foreach (var o in objects) SchemaChecks.Check(o, sink);
        return Snippets.Apply(sink, objects);
    }

    [Fact]
    public void AValidDeploymentHasNoSchemaFindings() => Assert.Empty(Check(Snippets.GoodDeployment));

    [Fact]
    public void A_Secret_whose_values_have_the_wrong_type_is_reported_without_them()
    {
        var findings = Check("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
              annotations:
                note: 7317
            data:
              token: 424242
              key: not-base64-9183
            stringData:
              password: 777313
            """);

        Assert.True(4 == findings.Count(f => f.RuleId == "SCHEMA-TYPE"), findings.Describe());
        Assert.Contains(findings, f => f.Message.Contains("data.token must be a base64 string, found a number"));
        foreach (var value in new[] { "424242", "9183", "777313", "7317" }) Assert.DoesNotContain(findings, f => f.Message.Contains(value));
        // Another kind's wrong value is quoted, to show what is wrong.
        Assert.Contains(Check("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  n: 424242\n"), f => f.Message.Contains("424242"));
    }

    [Fact]
    public void AnUnknownFieldIsReportedAtItsLineWithTheLikelyFix()
    {
        var yaml = Snippets.Deployment("  replicas: 1", "  replica: 1");
        var finding = Assert.Single(Check(yaml));
        Assert.Equal("SCHEMA-UNKNOWN-FIELD", finding.RuleId);
        Assert.Equal(7, finding.Line);
        Assert.Contains("\"replica\"", finding.Message);
        Assert.Contains("replicas", finding.Message);
        Assert.Contains("(from demo/templates/deployment.yaml)", finding.Message);
    }

    [Fact]
    public void EveryProblemIsReportedNotOnlyTheFirst()
    {
        var yaml = Snippets.Deployment("  replicas: 1", "  replica: 1\n  paused: \"yes\"")
            .Replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true");
        var ids = Check(yaml).Select(f => f.RuleId).ToList();
        Assert.Equal(2, ids.Count(i => i == "SCHEMA-UNKNOWN-FIELD"));
        Assert.Contains("SCHEMA-TYPE", ids);
    }

    [Theory]
    [InlineData("replicas: 1", "replicas: two")]
    [InlineData("runAsNonRoot: true", "runAsNonRoot: \"true\"")]
    [InlineData("requests: {cpu: 100m, memory: 128Mi}", "requests: {cpu: lots, memory: 128Mi}")]
    [InlineData("drop: [ALL]", "drop: ALL")]
    [InlineData("matchLabels:\n      app: web", "matchLabels:\n      app: [web]")]
    public void WrongTypesAreReported(string from, string to)
    {
        var finding = Assert.Single(Check(Snippets.Deployment(from, to)));
        Assert.Equal("SCHEMA-TYPE", finding.RuleId);
    }

    [Fact]
    public void ConfigMapValuesMustBeStrings()
    {
        var finding = Assert.Single(Check("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  PORT: 8080\n"));
        Assert.Equal("SCHEMA-TYPE", finding.RuleId);
        Assert.Equal(5, finding.Line);
        Assert.Contains("data.PORT must be a string, found the number 8080", finding.Message);
    }

    [Fact]
    public void SecretDataMustBeBase64()
    {
        Assert.Equal(["SCHEMA-TYPE"], Check("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  K: not base64!\n").Ids());
        Assert.Empty(Check("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  K: aGVsbG8=\n"));
    }

    [Theory]
    [InlineData("        - name: web\n", "        - \n")]
    [InlineData("  selector:\n    matchLabels:\n      app: web\n", "")]
    public void MissingRequiredFieldsAreReported(string from, string to)
    {
        Assert.Contains("SCHEMA-REQUIRED", Check(Snippets.Deployment(from, to)).Ids());
    }

    [Fact]
    public void RequiredIntegersComeFromTheModel()
    {
        var service = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - name: http\n      targetPort: http\n";
        var finding = Assert.Single(Check(service));
        Assert.Equal("SCHEMA-REQUIRED", finding.RuleId);
        Assert.Contains("\"port\"", finding.Message);
        Assert.Empty(Check(service.Replace("- name: http", "- name: http\n      port: 80")));
    }

    [Fact]
    public void AnObjectWithoutANameIsReported() =>
        Assert.Equal(["SCHEMA-REQUIRED"], Check("apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n").Ids());

    [Fact]
    public void AnUnservedVersionOfABuiltInKindIsAnError()
    {
        var finding = Assert.Single(Check("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {}\n"));
        Assert.Equal("SCHEMA-API-VERSION", finding.RuleId);
        Assert.Contains("autoscaling/v2", finding.Message);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void AnUnknownKindIsReportedAsInfoNotPassedSilently()
    {
        var finding = Assert.Single(Check("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec: {}\n"));
        Assert.Equal("SCHEMA-UNKNOWN-KIND", finding.RuleId);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void A_kustomization_file_read_as_a_manifest_is_one_error_saying_so()
    {
        // A recursive directory source over Kustomize folders (a public repository's shape): before, a nameless object
        // (SCHEMA-REQUIRED) of an unknown kind (SCHEMA-UNKNOWN-KIND); Argo CD fails the sync on it (argo-cd#3181).
        var finding = Assert.Single(Check("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n"));
        Assert.Equal(("SCHEMA-KUSTOMIZATION", Severity.Error), (finding.RuleId, finding.Severity));
        Assert.Contains("Kustomization file read as a manifest", finding.Message);
    }

    [Fact]
    public void DuplicateObjectsInOneApplicationAreReported()
    {
        var config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
        var objects = Snippets.Objects(config + "---\n" + config + "---\n" + config.Replace("name: c", "name: d"));
        var sink = new FindingSink();
        DuplicateObjects.Check(objects, _ => false, sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("SCHEMA-DUPLICATE-OBJECT", finding.RuleId);
        Assert.Equal(7, finding.Line); // the second document's metadata.name
        Assert.Contains("core/ConfigMap/apps/c", finding.Message);
    }

    [Fact]
    public void A_finding_at_the_chart_template_an_object_came_from_names_that_file_once()
    {
        // Both copies come from one chart template; the finding sits at it, so "(from it)" would only repeat it.
        var config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
        var objects = Snippets.Objects(config + "---\n" + config)
            .Select(o => o with { TemplateFile = "web/templates/cm.yaml", Source = SourceLocation.Template("charts/web/templates/cm.yaml", config) })
            .ToList();
        var sink = new FindingSink();
        DuplicateObjects.Check(objects, _ => false, sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("charts/web/templates/cm.yaml", finding.File);
        Assert.EndsWith("first at charts/web/templates/cm.yaml:1", finding.Message);
        Assert.DoesNotContain("(from", finding.Message);

        // Where the finding names another file (the values file that set the value), the template is still said.
        Assert.Equal(" (from web/templates/cm.yaml)", CheckedObject.OriginBeside(" (from web/templates/cm.yaml)", "charts/web/values.yaml"));
        Assert.Equal("", CheckedObject.OriginBeside(" (from web/templates/cm.yaml)", "charts/web/templates/cm.yaml"));
    }

    private static AppProject TeamProject(string destinations) => new(ManifestReader.Read(
        $"apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {{name: default, namespace: argocd}}\nspec:\n  destinations:\n{destinations}", "gitops/projects/default.yaml")[0]);

    [Fact]
    public void AnotherNamespaceIsAnErrorOnlyWhenTheProjectDoesNotPermitIt()
    {
        var project = TeamProject("    - {server: https://kubernetes.default.svc, namespace: apps}\n    - {server: https://kubernetes.default.svc, namespace: monitoring}\n    - {server: https://kubernetes.default.svc, namespace: argocd}\n");
        var sink = new FindingSink();
        NamespaceCheck.Check(Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: apps}\n"), false, [project], CheckOptions.Default, sink);
        NamespaceCheck.Check(Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"), false, [project], CheckOptions.Default, sink);
        NamespaceCheck.Check(Snippets.Object("apiVersion: v1\nkind: Namespace\nmetadata: {name: x, namespace: other}\n"), true, [project], CheckOptions.Default, sink);
        // Argo CD only defaults the namespace: one the project permits is fine (NetworkPolicies for several namespaces, say).
        NamespaceCheck.Check(Snippets.Object("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: monitoring}\nspec: {}\n"), false, [project], CheckOptions.Default, sink);
        // Argo CD's own objects belong in argocd, whatever the parent's destination.
        NamespaceCheck.Check(Snippets.Object("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a, namespace: argocd}\nspec: {}\n"), false, [project], CheckOptions.Default, sink);
        // With no AppProject named like the Application's project (here: the built-in default), nothing narrows it.
        NamespaceCheck.Check(Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: other}\n"), false, [], CheckOptions.Default, sink);
        Assert.Empty(sink.Items);

        NamespaceCheck.Check(Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: other}\n"), false, [project], CheckOptions.Default, sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("SCHEMA-NAMESPACE", finding.RuleId);
        Assert.Contains("sets namespace other, which project default does not permit", finding.Message);
        Assert.Contains("deploys to apps", finding.Message);

        // With no destination namespace, the object's own namespace still needs the project's permission.
        var noDestination = new FindingSink();
        var loose = Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: other}\n") with { DestinationNamespace = null };
        NamespaceCheck.Check(loose, false, [project], CheckOptions.Default, noDestination);
        NamespaceCheck.Check(loose with { Manifest = Snippets.Object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: monitoring}\n").Manifest }, false, [project], CheckOptions.Default, noDestination);
        Assert.Contains("deploys to no namespace", Assert.Single(noDestination.Items).Finding.Message);

        var narrow = TeamProject("    - {server: https://kubernetes.default.svc, namespace: apps}\n");
        var argoSink = new FindingSink();
        NamespaceCheck.Check(Snippets.Object("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p, namespace: argocd}\nspec: {}\n"), false, [narrow], CheckOptions.Default, argoSink);
        Assert.Contains("Argo CD's own objects live in argocd", Assert.Single(argoSink.Items).Finding.Message);
    }
}

public sealed class CustomResourceDefinitionSchemaTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.org
        spec:
          group: example.org
          scope: Namespaced
          names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
          versions:
            - name: v1
              served: true
              storage: true
              subresources: {status: {}}
              schema:
                openAPIV3Schema:
                  type: object
                  required: [spec]
                  properties:
                    spec:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                      properties:
                        size: {type: integer, format: int32, default: 1, minimum: 1}
                        labels: {type: object, nullable: true, additionalProperties: {type: string}}
                        mode: {type: string, enum: [fast, slow]}
        """;

    [Fact]
    public void ACrdWithAnOpenApiSchemaIsValid()
    {
        var target = Snippets.Object(Crd);
        var sink = new FindingSink();
        SchemaChecks.Check(target, sink);
        Assert.True(sink.Items.Count == 0, sink.Items.Select(i => i.Finding).Describe());
    }

    [Fact]
    public void ACrdWithAMisspeltSchemaKeywordIsReported()
    {
        var target = Snippets.Object(Crd.Replace("x-kubernetes-preserve-unknown-fields", "x-kubernetes-preserve-unknown"));
        var sink = new FindingSink();
        SchemaChecks.Check(target, sink);
        var finding = Assert.Single(sink.Items).Finding;
        Assert.Equal("SCHEMA-UNKNOWN-FIELD", finding.RuleId);
        Assert.Equal(21, finding.Line);
    }
}
