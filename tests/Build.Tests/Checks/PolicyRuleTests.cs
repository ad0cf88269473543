using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Config;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

public sealed class PolicyRuleTests
{
    private static IReadOnlyList<Finding> Check(string yaml, EnvironmentPolicy? environment = null)
    {
        var objects = Snippets.Objects(yaml, environment);
        var sink = new FindingSink();
        PolicyChecks.Check(objects, CheckOptions.Default, sink);
        return Snippets.Apply(sink, objects);
    }

    [Fact]
    public void TheGoodDeploymentPassesEveryPolicyRuleInProd()
    {
        var findings = Check(Snippets.GoodDeployment, Snippets.Prod);
        Assert.True(findings.Count == 0, findings.Describe());
    }

    [Theory]
    [InlineData("runAsNonRoot: true", "runAsNonRoot: true\n        runAsGroup: 0", "POL-RUN-AS-NON-ROOT")]
    [InlineData("runAsUser: 1000", "runAsUser: 2000", "POL-RUN-AS-USER")]
    [InlineData("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "POL-READ-ONLY-ROOT-FS")]
    [InlineData("drop: [ALL]", "drop: [NET_RAW]", "POL-DROP-ALL-CAPABILITIES")]
    [InlineData("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "POL-NO-PRIVILEGE-ESCALATION")]
    [InlineData("requests: {cpu: 100m, memory: 128Mi}", "requests: {cpu: 100m}", "POL-RESOURCE-REQUESTS")]
    [InlineData("limits: {cpu: 500m, memory: 256Mi}", "limits: {memory: 256Mi}", "POL-RESOURCE-LIMITS")]
    [InlineData("livenessProbe:", "startupProbe:", "POL-LIVENESS-PROBE")]
    [InlineData("readinessProbe:", "startupProbe:", "POL-READINESS-PROBE")]
    public void EachBrokenSettingFailsItsRuleOnly(string from, string to, string rule)
    {
        var findings = Check(Snippets.Deployment(from, to), Snippets.Dev);
        Assert.Equal([rule], findings.Ids());
        var finding = findings.Single();
        Assert.Equal("artifacts/rendered/demo.yaml", finding.File);
        Assert.True(finding.Line > 1);
        Assert.Contains("(from demo/templates/deployment.yaml)", finding.Message);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Fact]
    public void A_Rollout_is_not_judged_by_the_policy_rules_which_keep_to_kube_linters_kinds()
    {
        // The same pod template breaks a rule in a Deployment; in an Argo Rollouts Rollout (which Promote and PromotionStatus
        // read) it is not judged: docs/checks.md keeps the policy rules to the kinds kube-linter reads by default.
        var deployment = Snippets.Deployment("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
        Assert.Contains("POL-READ-ONLY-ROOT-FS", Check(deployment, Snippets.Dev).Ids());
        var rollout = deployment.Replace("apiVersion: apps/v1\nkind: Deployment", "apiVersion: argoproj.io/v1alpha1\nkind: Rollout", StringComparison.Ordinal);
        Assert.NotEqual(deployment, rollout);
        Assert.Empty(Check(rollout, Snippets.Dev).Where(f => f.RuleId.StartsWith("POL-", StringComparison.Ordinal)));
    }

    [Fact]
    public void ContainerSecurityContextWinsOverThePods()
    {
        var yaml = Snippets.Deployment("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: true\n            runAsUser: 0");
        var findings = Check(yaml);
        Assert.Equal(["POL-RUN-AS-NON-ROOT", "POL-RUN-AS-USER"], findings.Ids());
        Assert.Contains("runAsUser is 0", findings.Single(f => f.RuleId == "POL-RUN-AS-USER").Message);
        // The pod's runAsNonRoot: true with the container's runAsUser: 0: the kubelet refuses to start it.
        Assert.Contains("runAsNonRoot is true but runAsUser is 0", findings.Single(f => f.RuleId == "POL-RUN-AS-NON-ROOT").Message);
    }

    [Fact]
    public void PrivilegedContainerFailsPrivilegeEscalation()
    {
        var yaml = Snippets.Deployment("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false\n            privileged: true");
        Assert.Equal(["POL-NO-PRIVILEGE-ESCALATION"], Check(yaml).Ids());
    }

    [Fact]
    public void JobsNeedNoProbesButStillResourcesAndSecurity()
    {
        var job = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: migrate
                      image: app:v1
            """;
        var ids = Check(job).Ids();
        Assert.DoesNotContain("POL-LIVENESS-PROBE", ids);
        Assert.Contains("POL-RESOURCE-REQUESTS", ids);
        Assert.Contains("POL-READ-ONLY-ROOT-FS", ids);
    }

    [Theory]
    [InlineData("web:v1.2.3", "web:latest")]
    [InlineData("web:v1.2.3", "web")]
    [InlineData("web:v1.2.3", "web:develop")]
    [InlineData("web:v1.2.3", "web:staging")]
    [InlineData("web:v1.2.3", "web:main")]
    public void MutableTagsFailInProdOnly(string from, string to)
    {
        var yaml = Snippets.Deployment(from, to);
        var finding = Assert.Single(Check(yaml, Snippets.Prod));
        Assert.Equal("POL-MUTABLE-IMAGE-TAG", finding.RuleId);
        Assert.Empty(Check(yaml, Snippets.Dev));
    }

    [Theory]
    [MemberData(nameof(ImageTagCases.Immutable), MemberType = typeof(ImageTagCases))]
    public void ImmutableTagFormsPassInProd(string tag)
    {
        var findings = Check(Snippets.Deployment("web:v1.2.3", "web:" + tag), Snippets.Prod);
        Assert.True(findings.Count == 0, findings.Describe());
    }

    [Theory]
    [MemberData(nameof(ImageTagCases.Moving), MemberType = typeof(ImageTagCases))]
    public void EveryOtherTagFailsInProdAndPassesInDev(string tag)
    {
        var yaml = Snippets.Deployment("web:v1.2.3", "web:" + tag);
        var finding = Assert.Single(Check(yaml, Snippets.Prod));
        Assert.Equal("POL-MUTABLE-IMAGE-TAG", finding.RuleId);
        Assert.Contains($"'{tag}'", finding.Message);
        Assert.Empty(Check(yaml, Snippets.Dev));
    }

    [Fact]
    public void AMalformedDigestDoesNotPin()
    {
        var finding = Assert.Single(Check(Snippets.Deployment("web:v1.2.3", "web:v1.2.3@sha256:0123"), Snippets.Prod));
        Assert.Equal("POL-MUTABLE-IMAGE-TAG", finding.RuleId);
        Assert.Contains("malformed digest", finding.Message);
    }

    [Fact]
    public void ADigestPinsAnImageEvenWithAMovingTag()
    {
        var yaml = Snippets.Deployment("web:v1.2.3", "web:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        Assert.Empty(Check(yaml, Snippets.Prod));
    }

    [Fact]
    public void AntiAffinityIsRequiredInProdOnly()
    {
        var yaml = Snippets.Deployment("affinity:\n        podAntiAffinity:", "affinity:\n        podAffinity:").Replace("replicas: 1", "replicas: 3");
        Assert.Equal(["POL-ANTI-AFFINITY", "POL-PDB"], Check(yaml, Snippets.Prod).Ids());
        Assert.Equal(["POL-PDB"], Check(yaml, Snippets.Dev).Ids());
    }

    [Fact]
    public void AntiAffinityIsNotAskedOfASinglePod()
    {
        // One pod has nothing to spread (kube-linter's no-anti-affinity also starts at two).
        var yaml = Snippets.Deployment("affinity:\n        podAntiAffinity:", "affinity:\n        podAffinity:");
        Assert.Empty(Check(yaml, Snippets.Prod));
    }

    private const string Pdb = """
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web}
        spec:
          minAvailable: 1
          selector:
            matchLabels: {app: web}
        """;

    private const string Hpa = """
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: MIN
          maxReplicas: MAX
          metrics:
            - type: Resource
              resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
        """;

    [Fact]
    public void MoreThanOneReplicaNeedsAPodDisruptionBudget()
    {
        var replicated = Snippets.Deployment("replicas: 1", "replicas: 3");
        var finding = Assert.Single(Check(replicated));
        Assert.Equal("POL-PDB", finding.RuleId);
        Assert.Contains("runs 3 replicas", finding.Message);
        Assert.Empty(Check(replicated + "\n" + Pdb));
        Assert.Empty(Check(Snippets.GoodDeployment));
    }

    [Fact]
    public void APdbThatSelectsOtherPodsDoesNotCount()
    {
        var replicated = Snippets.Deployment("replicas: 1", "replicas: 2");
        Assert.Equal(["POL-PDB"], Check(replicated + "\n" + Pdb.Replace("{app: web}", "{app: other}")).Ids());
    }

    [Fact]
    public void HpaMinReplicasCountsAsReplicasForThePdb()
    {
        var yaml = Snippets.GoodDeployment + "\n" + Hpa.Replace("MIN", "2").Replace("MAX", "5");
        Assert.Equal(["POL-PDB"], Check(yaml).Ids());
        Assert.Empty(Check(yaml + "\n" + Pdb));
    }

    [Theory]
    [InlineData("0", "5")]
    [InlineData("6", "5")]
    public void HpaRangesMustBeSane(string min, string max)
    {
        var yaml = Snippets.GoodDeployment + "\n" + Hpa.Replace("MIN", min).Replace("MAX", max) + "\n" + Pdb;
        Assert.Equal(["POL-HPA-RANGE"], Check(yaml).Ids());
    }

    [Fact]
    public void HpaNeedsMetricsAndARenderedTarget()
    {
        var noMetrics = Hpa.Replace("MIN", "1").Replace("MAX", "3");
        noMetrics = noMetrics[..noMetrics.IndexOf("  metrics:", StringComparison.Ordinal)];
        Assert.Equal(["POL-HPA-TARGET"], Check(Snippets.GoodDeployment + "\n" + noMetrics).Ids());
        var elsewhere = Hpa.Replace("MIN", "1").Replace("MAX", "3").Replace("name: web}", "name: api}");
        var finding = Assert.Single(Check(Snippets.GoodDeployment + "\n" + elsewhere));
        Assert.Equal("POL-HPA-TARGET", finding.RuleId);
        Assert.Contains("Deployment/api", finding.Message);
        Assert.Empty(Check(Snippets.GoodDeployment + "\n" + Hpa.Replace("MIN", "1").Replace("MAX", "3")));
    }
}
