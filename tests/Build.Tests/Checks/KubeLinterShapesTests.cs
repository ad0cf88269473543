using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Findings;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// The shapes of kube-linter's own check fixtures (its tests/checks/*.yml, re-created here, not
/// copied), judged under the baseline profile as kube-linter judges them: every pod-bearing kind,
/// a non-zero runAsUser is non-root, a runAsGroup of 0 is root, an anti-affinity term that cannot
/// keep the workload's own pods apart spreads nothing. bench/policy-agreement.sh counts the
/// agreement on the real fixtures.
/// </summary>
public sealed class KubeLinterShapesTests
{
    private static readonly CheckOptions Baseline = CheckOptions.Default with { Profile = PolicyProfile.Baseline };

    private static IReadOnlyList<Finding> Check(string yaml)
    {
        var objects = Snippets.Objects(yaml, Snippets.Prod with { Profile = "baseline" });
        var sink = new FindingSink(Baseline);
        PolicyChecks.Check(objects, Baseline, sink);
        return Snippets.Apply(sink, objects);
    }

    private static string Pod(string kind, string podSecurity, string containerSecurity) => (kind switch
    {
        "Pod" => """
            apiVersion: v1
            kind: Pod
            metadata: {name: one}
            spec:
              securityContext: {POD_SC}
              containers:
                - {name: app, image: app:v1.0.0, securityContext: {CONTAINER_SC}}
            """,
        "CronJob" => """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: one}
            spec:
              schedule: "* * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      securityContext: {POD_SC}
                      containers:
                        - {name: app, image: app:v1.0.0, securityContext: {CONTAINER_SC}}
            """,
        _ => """
            apiVersion: API
            kind: KIND
            metadata: {name: one}
            spec:
              template:
                spec:
                  securityContext: {POD_SC}
                  containers:
                    - {name: app, image: app:v1.0.0, securityContext: {CONTAINER_SC}}
            """,
    }).Replace("API", kind == "DeploymentConfig" ? "apps.openshift.io/v1" : kind == "ReplicationController" ? "v1" : "apps/v1")
        .Replace("KIND", kind).Replace("POD_SC", podSecurity).Replace("CONTAINER_SC", containerSecurity);

    [Theory]
    [InlineData("Pod")]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("ReplicaSet")]
    [InlineData("ReplicationController")]
    [InlineData("CronJob")]
    [InlineData("DeploymentConfig")]
    public void EveryPodBearingKindIsJudged(string kind)
    {
        var findings = Check(Pod(kind, "", ""));
        Assert.Contains(findings, f => f.RuleId == "POL-RUN-AS-NON-ROOT" && f.Message.Contains("runAsNonRoot is not set"));
        Assert.Contains(findings, f => f.RuleId == "POL-READ-ONLY-ROOT-FS");
    }

    [Theory]
    [InlineData("", "runAsUser: 1001", false)]
    [InlineData("runAsUser: 101", "", false)]
    [InlineData("runAsUser: 999", "runAsNonRoot: false", false)]
    [InlineData("", "runAsNonRoot: true", false)]
    [InlineData("runAsNonRoot: true", "", false)]
    [InlineData("", "runAsUser: 0", true)]
    [InlineData("runAsNonRoot: true", "runAsUser: 0", true)]
    [InlineData("", "runAsUser: 1001, runAsGroup: 0", true)]
    [InlineData("runAsGroup: 0", "runAsNonRoot: true", true)]
    [InlineData("runAsUser: 1001", "runAsUser: 0", true)]
    public void RunAsNonRootIsKubeLintersJudgement(string pod, string container, bool fires)
    {
        var findings = Check(Pod("Pod", pod, container)).Where(f => f.RuleId == "POL-RUN-AS-NON-ROOT").ToList();
        Assert.Equal(fires, findings.Count > 0);
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
    }

    [Fact]
    public void APodThatIsNotRestartedNeedsNoProbesAndAHelmTestIsNotDeployed()
    {
        var once = Check(Pod("Pod", "runAsNonRoot: true", "") .Replace("spec:\n  securityContext", "spec:\n  restartPolicy: Never\n  securityContext"));
        Assert.DoesNotContain(once, f => f.RuleId is "POL-LIVENESS-PROBE" or "POL-READINESS-PROBE");
        Assert.Contains(Check(Pod("Pod", "runAsNonRoot: true", "")), f => f.RuleId == "POL-LIVENESS-PROBE");

        var test = Pod("Pod", "", "").Replace("metadata: {name: one}", "metadata: {name: one, annotations: {helm.sh/hook: test}}");
        Assert.Empty(Check(test));
    }

    private static string Replicated(string antiAffinity) => """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          template:
            metadata: {labels: {app: web}}
            spec:
              affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [TERM]}}
              containers: [{name: app, image: app:v1.0.0}]
        """.Replace("TERM", antiAffinity);

    [Theory]
    [InlineData("{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}", false)]
    [InlineData("{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}, namespaces: [apps]}", false)]
    [InlineData("{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}, namespaces: [other]}", true)]
    [InlineData("{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: api}}}", true)]
    [InlineData("{topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: web}}}", true)]
    [InlineData("", true)]
    public void AntiAffinityMustKeepTheWorkloadsOwnPodsApart(string term, bool fires)
    {
        var findings = Check(Replicated(term));
        Assert.Equal(fires, findings.Any(f => f.RuleId == "POL-ANTI-AFFINITY"));
    }
}
