using System.Text;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using GitOps.Build.Sealing;
using GitOps.Build.Checks.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealedValueChecksTests
{
    private static string Seal(string label) => SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel(label), Encoding.UTF8.GetBytes("v"));

    // What helm renders for the chart's sealedsecret.yaml (no metadata.namespace: Argo CD supplies it).
    private static IReadOnlyList<ManifestObject> Rendered(string name, string scopeAnnotation, params (string Key, string Value)[] data) =>
        ManifestReader.Read($"""
            ---
            # Source: chart/templates/sealedsecret.yaml
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata:
              name: {name}
              {scopeAnnotation}
            spec:
              encryptedData:
            {string.Concat(data.Select(d => $"    {d.Key}: \"{d.Value}\"\n"))}
            """, "artifacts/rendered/bot-prod.yaml");

    [Fact]
    public void Values_are_traced_to_the_last_values_file_that_sets_them_with_the_rendered_name_and_namespace()
    {
        using var temp = new TempFolder();
        var common = temp.Write("values.yaml", "secrets:\n  data:\n    A: AgCommon\n    B: AgCommonB\n");
        var prod = temp.Write("values-prod.yaml", "image: {tag: x}\nsecrets:\n  data:\n    A: AgProd\n");

        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod", Rendered("bot", "", ("A", "AgProd"), ("B", "AgCommonB")),
            [common, prod], Path.GetFileName);

        var a = values.Single(v => v.Key == "A");
        Assert.Equal(("values-prod.yaml", 4, "bot", "ontu-prod"), (a.File, a.Line, a.SecretName, a.Namespace));
        Assert.Equal("ontu-prod/bot", a.Label.Text);
        Assert.Equal(("values.yaml", 4), (values.Single(v => v.Key == "B").File, values.Single(v => v.Key == "B").Line));
    }

    [Fact]
    public void Malformed_values_are_errors_without_a_key_file()
    {
        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod", Rendered("bot", "", ("A", "plaintext!"), ("B", Seal("x"))), [], null);

        var finding = Assert.Single(SealedValueChecks.Check(values, SealingFixtures.Cert));

        Assert.Equal(Rules.SealingMalformed.Id, finding.RuleId);
        Assert.Equal(("artifacts/rendered/bot-prod.yaml", 10), (finding.File, finding.Line));
        Assert.DoesNotContain("plaintext!", finding.Message);
    }

    [Fact]
    public void With_a_key_file_a_value_sealed_for_another_namespace_is_named()
    {
        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod",
            Rendered("bot", "", ("GOOD", Seal("ontu-prod/bot")), ("FROM_DEV", Seal("ontu-dev/bot")), ("WIDE", Seal("ontu-prod"))), [], null)
            .Concat(RenderedSealedValues.Collect("bot-dev", "ontu-dev", Rendered("bot", "", ("X", Seal("ontu-dev/bot"))), [], null)).ToList();

        var findings = SealedValueChecks.Check(values, SealingFixtures.Cert, SealingFixtures.Backup);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Rules.SealingLabelMismatch.Id, f.RuleId));
        Assert.Contains("FROM_DEV does not open under label 'ontu-prod/bot'", findings[0].Message);
        Assert.Contains("sealed for label 'ontu-dev/bot' instead", findings[0].Message);
        Assert.Contains("sealed for label 'ontu-prod' instead", findings[1].Message);
        Assert.Equal("SealedSecret/ontu-prod/bot", findings[0].Object);
    }

    [Fact]
    public void The_scope_annotation_on_the_rendered_sealed_secret_sets_the_label()
    {
        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod",
            Rendered("bot", "annotations: {sealedsecrets.bitnami.com/namespace-wide: \"true\"}", ("A", Seal("ontu-prod"))), [], null);

        Assert.Equal(SealingScope.NamespaceWide, values[0].Scope);
        Assert.Empty(SealedValueChecks.Check(values, SealingFixtures.Cert, SealingFixtures.Backup));
    }

    private static ManifestObject Application(string annotations) => ManifestReader.Read($"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: bot-prod
          annotations: {annotations}
        spec: {"{}"}
        """, "gitops/apps/bot-prod.yaml")[0];

    [Theory]
    [InlineData("annotations: {checks.gitops.build/ignore-sealing-malformed: \"written by the operator at install time\"}", "{}")]
    [InlineData("", "{checks.gitops.build/ignore-sealing-malformed: \"written by the operator at install time\"}")]
    public void The_rendered_SealedSecret_or_its_Application_suppresses_a_sealing_rule(string onSealedSecret, string onApplication)
    {
        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod", Rendered("bot", onSealedSecret, ("A", "plaintext!")), [], null,
            Application(onApplication));
        Assert.Empty(SealedValueChecks.Check(values, SealingFixtures.Cert));

        var label = RenderedSealedValues.Collect("bot-prod", "ontu-prod", Rendered("bot", "", ("A", Seal("ontu-dev/bot"))), [], null,
            Application("{checks.gitops.build/ignore-sealing-label: \"migrating; tracked in #7\"}"));
        Assert.Empty(SealedValueChecks.Check(label, SealingFixtures.Cert, SealingFixtures.Backup));
    }

    [Fact]
    public void An_empty_reason_or_another_rule_suppresses_no_sealing_finding()
    {
        var values = RenderedSealedValues.Collect("bot-prod", "ontu-prod",
            Rendered("bot", "annotations: {checks.gitops.build/ignore-sealing-malformed: \"\"}", ("A", "plaintext!")), [], null,
            Application("{checks.gitops.build/ignore-sealing-label: \"only the label rule\"}"));
        var finding = Assert.Single(SealedValueChecks.Check(values, SealingFixtures.Cert));
        Assert.Equal(Rules.SealingMalformed.Id, finding.RuleId);
        Assert.Equal(Rules.SealingMalformed.Fix, finding.Fix);
    }
}
