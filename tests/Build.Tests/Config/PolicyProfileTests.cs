using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.Config;

/// <summary>The seed and baseline profiles, and what an environment's require: adds.</summary>
public sealed class PolicyProfileTests
{
    // A plain Deployment as strangers write it: no securityContext, no probes, no resources, three replicas.
    private const string Plain = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.1
        """;

    private static Dictionary<string, Severity> Check(string yaml, CheckOptions options, EnvironmentPolicy? environment = null)
    {
        var objects = Snippets.Objects(yaml, environment);
        var sink = new FindingSink(options);
        PolicyChecks.Check(objects, options, sink);
        return Snippets.Apply(sink, objects).GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.First().Severity);
    }

    private static readonly CheckOptions Baseline = CheckOptions.Default with { Profile = PolicyProfile.Baseline };

    [Fact]
    public void The_seed_profile_makes_every_gap_an_error_and_asks_for_uid_1000()
    {
        var found = Check(Plain, CheckOptions.Default);
        Assert.Contains("POL-RUN-AS-USER", found.Keys);
        Assert.All(found.Values, s => Assert.Equal(Severity.Error, s));
    }

    [Fact]
    public void The_baseline_profile_errs_on_root_and_warns_where_polaris_warns()
    {
        var found = Check(Plain, Baseline);
        Assert.DoesNotContain("POL-RUN-AS-USER", found.Keys);
        Assert.Equal(Severity.Error, found["POL-RUN-AS-NON-ROOT"]);
        foreach (var id in new[] { "POL-READ-ONLY-ROOT-FS", "POL-DROP-ALL-CAPABILITIES", "POL-NO-PRIVILEGE-ESCALATION", "POL-RESOURCE-REQUESTS",
                     "POL-RESOURCE-LIMITS", "POL-LIVENESS-PROBE", "POL-READINESS-PROBE", "POL-PDB" })
            Assert.Equal(Severity.Warning, found[id]);
    }

    [Theory]
    [InlineData("privileged: true")]
    [InlineData("allowPrivilegeEscalation: true")]
    public void Privilege_asked_for_is_an_error_under_the_baseline(string setting)
    {
        var yaml = Plain.Replace("image: nginx:1.27.1", $"image: nginx:1.27.1\n          securityContext: {{{setting}}}");
        Assert.Equal(Severity.Error, Check(yaml, Baseline)["POL-NO-PRIVILEGE-ESCALATION"]);
    }

    [Fact]
    public void An_environment_profile_wins_over_the_default()
    {
        var prod = new EnvironmentPolicy("prod", null, false, true) { Profile = "seed" };
        Assert.Equal(Severity.Error, Check(Plain, Baseline, prod)["POL-LIVENESS-PROBE"]);
        Assert.Contains("POL-RUN-AS-USER", Check(Plain, Baseline, prod).Keys);
    }

    [Fact]
    public void Require_sets_replicas_disruption_budget_and_anti_affinity_per_environment()
    {
        var strict = new EnvironmentPolicy("staging", null, true, false) { MinReplicas = 4, RequireDisruptionBudget = true, RequireAntiAffinity = true };
        var found = Check(Plain, Baseline, strict);
        Assert.Equal(Severity.Error, found["POL-REPLICAS"]);
        Assert.Equal(Severity.Error, found["POL-PDB"]);
        Assert.Equal(Severity.Error, found["POL-ANTI-AFFINITY"]);

        var relaxed = new EnvironmentPolicy("prod", null, false, true) { MinReplicas = 3, RequireDisruptionBudget = false, RequireAntiAffinity = false };
        var none = Check(Plain, CheckOptions.Default, relaxed);
        Assert.DoesNotContain("POL-REPLICAS", none.Keys);
        Assert.DoesNotContain("POL-PDB", none.Keys);
        Assert.DoesNotContain("POL-ANTI-AFFINITY", none.Keys);
    }

    [Fact]
    public void Required_replicas_count_the_autoscaler_floor()
    {
        var hpa = "\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n";
        var env = new EnvironmentPolicy("prod", null, false, true) { MinReplicas = 3 };
        var yaml = Plain.Replace("replicas: 3", "replicas: 5") + hpa;
        var objects = Snippets.Objects(yaml, env);
        var sink = new FindingSink();
        PolicyChecks.Check(objects, CheckOptions.Default, sink);
        var finding = Snippets.Apply(sink, objects).Single(f => f.RuleId == "POL-REPLICAS");
        Assert.Contains("HorizontalPodAutoscaler web minReplicas", finding.Message);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("minReplicas")) + 1, finding.Line); // the autoscaler's minReplicas line
    }
}
