using GitOps.Build.Checks;
using GitOps.Build.Checks.Environment;
using GitOps.Build.Config;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

public sealed class EnvironmentRuleTests
{
    private static readonly EnvironmentsConfig Environments = new("gitops/environments.yaml", ["dev", "prod"], [Snippets.Dev, Snippets.Prod]);

    private static IReadOnlyList<Finding> Check(string environment, string syncPolicy)
    {
        var labelled = Snippets.Application("demo-" + environment, syncPolicy, environment);
        var target = new CheckedObject(labelled.Manifest, labelled.Manifest.File, null, null, null);
        var sink = new FindingSink();
        SyncPolicyRules.Check(labelled, null, Environments, target, sink);
        return Snippets.Apply(sink, [target]);
    }

    private const string Automated = "  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n";

    [Fact]
    public void AutoSyncEnvironmentsNeedAutomationPruneAndSelfHeal()
    {
        Assert.Empty(Check("dev", Automated));
        var finding = Assert.Single(Check("dev", "  syncPolicy:\n    automated:\n      prune: true\n"));
        Assert.Equal("ENV-AUTO-SYNC", finding.RuleId);
        Assert.Contains("selfHeal", finding.Message);
        Assert.Equal("gitops/apps/demo-dev.yaml", finding.File);
        Assert.Equal(16, finding.Line);
        Assert.Equal(["ENV-AUTO-SYNC"], Check("dev", "").Ids());
    }

    [Fact]
    public void ManualEnvironmentsHaveNoAutomation()
    {
        Assert.Empty(Check("prod", "  syncPolicy:\n    syncOptions: [CreateNamespace=true]\n"));
        Assert.Empty(Check("prod", "  syncPolicy:\n    automated:\n      enabled: false\n"));
        var finding = Assert.Single(Check("prod", Automated));
        Assert.Equal("ENV-MANUAL-SYNC", finding.RuleId);
        Assert.Contains("automated sync, prune, selfHeal", finding.Message);
    }

    [Fact]
    public void AnUnknownEnvironmentLabelIsAWarning()
    {
        var finding = Assert.Single(Check("qa", Automated));
        Assert.Equal("ENV-UNKNOWN", finding.RuleId);
        Assert.Equal(Severity.Warning, finding.Severity);
    }
}
