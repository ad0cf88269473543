using GitOps.Build.Checks;
using GitOps.Build.Checks.Schema;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

/// <summary>Application, AppProject and SealedSecret against their (reduced) CRD schemas.</summary>
public sealed class CrdSchemaTests
{
    private static IReadOnlyList<Finding> Check(string yaml)
    {
        var objects = Snippets.Objects(yaml, file: "gitops/argocd/x.yaml");
        var sink = new FindingSink();
        foreach (var o in objects) SchemaChecks.Check(o, sink);
        return Snippets.Apply(sink, objects);
    }

    private static string App(string syncPolicy) => Snippets.Application("demo", syncPolicy).Manifest.Body.ToJsonString();

    [Fact]
    public void TheRepositorysOwnManifestsAreValid()
    {
        var root = global::GitOps.Build.Tests.Support.TestTools.RepoRoot;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "gitops", "argocd"), "*.yaml", SearchOption.AllDirectories))
        {
            var findings = Check(File.ReadAllText(file));
            Assert.True(findings.Count == 0, file + "\n" + findings.Describe());
        }
    }

    [Fact]
    public void AValidApplicationPasses() => Assert.Empty(Check(App("  syncPolicy:\n    automated: {prune: true, selfHeal: true}\n")));

    [Fact]
    public void AFieldSetToNullIsUnsetAsTheApiServerPrunesIt()
    {
        // automated: null is how a repository switches auto-sync off; the API server prunes the null.
        Assert.Empty(Check(App("  syncPolicy:\n    automated: null\n    syncOptions: [CreateNamespace=true]\n")));
        // A value of another type is still one.
        Assert.Contains(Check(App("  syncPolicy:\n    automated: yes please\n")), f => f.RuleId == "SCHEMA-TYPE");
    }

    [Fact]
    public void AMisspeltApplicationFieldIsAnUnknownFieldAtItsLine()
    {
        var findings = Check(Snippets.Application("demo", "  syncPolicy:\n    automatic:\n      prune: true\n").Manifest.Body.ToJsonString());
        var finding = Assert.Single(findings);
        Assert.Equal("SCHEMA-UNKNOWN-FIELD", finding.RuleId);
        Assert.Contains("spec.syncPolicy.automatic", finding.Message);
    }

    [Fact]
    public void ApplicationTypesAndRequiredFieldsAreChecked()
    {
        var yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: demo}
            spec:
              source:
                path: charts/demo
                helm:
                  valueFiles: values.yaml
              destination: {namespace: apps}
            """;
        var findings = Check(yaml);
        Assert.Contains(findings, f => f.RuleId == "SCHEMA-REQUIRED" && f.Message.Contains("project"));
        Assert.Contains(findings, f => f.RuleId == "SCHEMA-REQUIRED" && f.Message.Contains("repoURL"));
        var type = Assert.Single(findings, f => f.RuleId == "SCHEMA-TYPE");
        Assert.Equal(8, type.Line);
    }

    [Fact]
    public void AppProjectsAreChecked()
    {
        var project = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: p}\nspec:\n  sourceRepos: ['*']\n  destinations:\n    - {server: '*', namespace: '*'}\n";
        Assert.Empty(Check(project));
        var finding = Assert.Single(Check(project + "  clusterResourceWhitelist:\n    - {kind: Namespace}\n"));
        Assert.Equal("SCHEMA-REQUIRED", finding.RuleId);
        Assert.Equal(9, finding.Line);
    }

    [Fact]
    public void SealedSecretsAreChecked()
    {
        var sealedSecret = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: s}\nspec:\n  encryptedData:\n    K: AgBy\n  template:\n    type: Opaque\n";
        Assert.Empty(Check(sealedSecret));
        Assert.Equal(["SCHEMA-REQUIRED"], Check("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: s}\nspec:\n  template: {type: Opaque}\n").Ids());
        Assert.Equal(["SCHEMA-UNKNOWN-FIELD"], Check(sealedSecret.Replace("type: Opaque", "typ: Opaque")).Ids());
    }

    [Fact]
    public void CustomResourceMetadataIsCheckedAgainstObjectMeta()
    {
        var finding = Assert.Single(Check("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: s, label: {a: b}}\nspec:\n  encryptedData: {K: AgBy}\n"));
        Assert.Equal("SCHEMA-UNKNOWN-FIELD", finding.RuleId);
        Assert.Contains("label", finding.Message);
    }
}
