using GitOps.Build.Checks;
using GitOps.Build.Checks.Environment;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Tests.Checks;

public sealed class EnvironmentRuleTests
{
    private static readonly EnvironmentsConfig Environments = new("gitops/environments.yaml", ["dev", "prod"], [Snippets.Dev, Snippets.Prod]);

    private static IReadOnlyList<Finding> Check(string environment, string syncPolicy)
    {
        var labelled = Snippets.Application("demo-" + environment, syncPolicy, environment);
        var target = new CheckedObject(labelled.Manifest, labelled.Manifest.File, null, null, null);
        var sink = new FindingSink();
        SyncPolicyRules.Check(labelled, RepositoryModel.EnvironmentOf(labelled, Environments), Environments, target, sink);
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
    public void AnUnknownEnvironmentLabelIsAnError()
    {
        var finding = Assert.Single(Check("qa", Automated));
        Assert.Equal("ENV-UNKNOWN", finding.RuleId);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    /// <summary>Environments that say where they deploy: prod's namespace on its own cluster, dev's namespace anywhere.</summary>
    private static readonly EnvironmentsConfig Placed = new EnvironmentsConfig("gitops-build.yaml", ["dev", "prod"],
    [
        new EnvironmentPolicy("dev", "web-dev", AutoSync: true, ImmutableTags: false),
        new EnvironmentPolicy("prod", "web", AutoSync: false, ImmutableTags: true) { Clusters = ["prod-eu"] },
        new EnvironmentPolicy("staging", "web", AutoSync: true, ImmutableTags: false),
    ]).WithClusterNames([("prod-eu", "https://prod-eu.example.com:6443")]);

    private static ArgoApplication Placing(string label, string ns, string destination) => new(ManifestReader.Read($$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: web
          labels: {environment: {{label}}}
        spec:
          project: default
          source: {repoURL: https://example.org/repo.git, path: charts/web}
          destination:
            {{destination}}
            namespace: {{ns}}
          syncPolicy:
            automated: {prune: true, selfHeal: true}
        """, "apps/web.yaml")[0]);

    private static IReadOnlyList<Finding> Judge(ArgoApplication app, EnvironmentsConfig environments)
    {
        var target = new CheckedObject(app.Manifest, app.Manifest.File, null, null, null);
        var sink = new FindingSink();
        SyncPolicyRules.Check(app, RepositoryModel.EnvironmentOf(app, environments), environments, target, sink);
        return Snippets.Apply(sink, [target]);
    }

    [Theory]
    [InlineData("production-eu", "server: https://prod-eu.example.com:6443")] // an unknown name on prod's cluster
    [InlineData("production-eu", "name: prod-eu")]                           // the same cluster by its other name
    [InlineData("dev", "server: https://prod-eu.example.com:6443")]           // another environment's name
    [InlineData("staging", "name: prod-eu")]                                   // the environment sharing prod's namespace
    public void A_relabelled_Application_is_judged_by_the_environment_its_destination_belongs_to(string label, string destination)
    {
        var app = Placing(label, "web", destination);

        Assert.Equal("prod", RepositoryModel.EnvironmentOf(app, Placed));
        var findings = Judge(app, Placed);
        Assert.Contains(findings, f => f.RuleId == "ENV-MANUAL-SYNC" && f.Severity == Severity.Error && f.Message.Contains("(prod, manual sync)"));
        Assert.Contains(findings, f => f.RuleId is "ENV-UNKNOWN" or "ENV-MISMATCH" && f.Message.Contains("judged as prod"));
        Assert.Equal(label == "production-eu" ? Severity.Error : Severity.Warning, findings.Single(f => f.RuleId is "ENV-UNKNOWN" or "ENV-MISMATCH").Severity);
    }

    [Fact]
    public void The_label_decides_only_where_the_destination_belongs_to_no_declared_environment()
    {
        // staging shares prod's namespace but not its cluster: off prod's cluster, the label picks among the two.
        Assert.Equal("staging", RepositoryModel.EnvironmentOf(Placing("staging", "web", "server: https://kubernetes.default.svc"), Placed));
        Assert.Empty(Judge(Placing("staging", "web", "server: https://kubernetes.default.svc"), Placed));
        // A namespace no environment declares: the label stands, and must name a declared environment.
        Assert.Equal("dev", RepositoryModel.EnvironmentOf(Placing("dev", "elsewhere", "server: https://kubernetes.default.svc"), Placed));
        Assert.Equal(["ENV-UNKNOWN"], Judge(Placing("production-eu", "elsewhere", "server: https://kubernetes.default.svc"), Placed).Ids());
    }
}
