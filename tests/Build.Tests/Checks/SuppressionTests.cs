using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

public sealed class SuppressionTests
{
    private static IReadOnlyList<Finding> Check(string annotations)
    {
        var yaml = Snippets.Deployment("  name: web\n", $"  name: web\n  annotations:\n{annotations}")
            .Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
        var objects = Snippets.Objects(yaml, Snippets.Dev);
        var sink = new FindingSink();
        PolicyChecks.Check(objects, CheckOptions.Default, sink);
        return Snippets.Apply(sink, objects);
    }

    [Fact]
    public void WithoutAnnotationTheRuleFires() => Assert.Equal(["POL-READ-ONLY-ROOT-FS"], Check("    other: x\n").Ids());

    [Fact]
    public void AnAnnotationWithAReasonSuppressesThatRuleOnly()
    {
        Assert.Empty(Check("    checks.gitops.build/ignore-pol-read-only-root-fs: \"legacy app writes to /var/cache; tracked in #12\"\n"));
        Assert.Equal(["POL-READ-ONLY-ROOT-FS"], Check("    checks.gitops.build/ignore-pol-liveness-probe: \"batch worker\"\n").Ids());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("")]
    public void AnEmptyReasonSuppressesNothingAndIsAFinding(string value)
    {
        var findings = Check($"    checks.gitops.build/ignore-pol-read-only-root-fs: {value}\n");
        Assert.Equal(["CHECK-SUPPRESSION-REASON", "POL-READ-ONLY-ROOT-FS"], findings.Ids());
        var reason = findings.Single(f => f.RuleId == "CHECK-SUPPRESSION-REASON");
        Assert.Equal(7, reason.Line); // the annotation's line
        Assert.Equal(Severity.Error, reason.Severity);
    }

    [Fact]
    public void AnAnnotationNamingNoRuleIsReported()
    {
        var findings = Check("    checks.gitops.build/ignore-pol-read-only-rootfs: \"typo\"\n");
        Assert.Equal(["CHECK-SUPPRESSION-UNKNOWN-RULE", "POL-READ-ONLY-ROOT-FS"], findings.Ids());
    }

    [Fact]
    public void EveryRuleHasAnAnnotationFixAndUniqueId()
    {
        Assert.Equal(Rules.All.Count, Rules.All.Select(r => r.Id).Distinct().Count());
        foreach (var rule in Rules.All)
        {
            Assert.Matches("^[A-Z]+(-[A-Z]+)+$", rule.Id);
            Assert.False(string.IsNullOrWhiteSpace(rule.Fix), rule.Id);
            Assert.Equal("checks.gitops.build/ignore-" + rule.Id.ToLowerInvariant(), rule.SuppressionAnnotation);
        }
    }

    [Fact]
    public void DocsListEveryRule()
    {
        var docs = File.ReadAllText(Path.Combine(global::GitOps.Build.Tests.Support.TestTools.RepoRoot, "docs", "checks.md"));
        foreach (var rule in Rules.All) Assert.Contains($"`{rule.Id}`", docs);
    }
}
