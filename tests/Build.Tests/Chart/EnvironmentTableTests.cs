using YamlDotNet.RepresentationModel;
using static GitOps.Build.Tests.Chart.YamlPath;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// The seed's Environment Differences table, asserted on what helm renders for
/// each Application (and, for sync behaviour, on the Application itself).
/// </summary>
[Collection(ChartRendersCollection.Name)]
public sealed class EnvironmentTableTests(ChartRenders renders)
{
    [Fact]
    public void Every_environment_of_the_table_has_exactly_one_application()
    {
        var environments = renders.Applications.Select(a => a.Environment).Order().ToList();
        Assert.Equal(SeedEnvironmentTable.Rows.Select(r => r.Environment).Order(), environments);
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Application_deploys_to_the_environment_namespace(string environment)
    {
        var app = renders.Applications.Single(a => a.Environment == environment);
        Assert.Equal(SeedEnvironmentTable.Row(environment).Namespace, app.Namespace);
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Image_tag_matches(string environment)
    {
        var image = Scalar(renders.For(environment).Container, "image");
        Assert.Equal($"ghcr.io/wandering-cursor/ontu-schedule-bot-admin:{SeedEnvironmentTable.Row(environment).ImageTag}", image);
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Replicas_and_autoscaling_match(string environment)
    {
        var row = SeedEnvironmentTable.Row(environment);
        var release = renders.For(environment);
        var hpas = release.OfKind("HorizontalPodAutoscaler").ToList();
        var replicas = ScalarOrNull(release.Deployment, "spec.replicas");

        if (row.HpaMin is null)
        {
            Assert.Empty(hpas);
            Assert.Equal(row.Replicas.ToString(), replicas);
            return;
        }

        // With an HPA the Deployment must not pin a count (it would fight the HPA on
        // every sync); the table's replica count is the HPA's floor.
        Assert.Null(replicas);
        var hpa = Assert.Single(hpas);
        Assert.Equal(row.HpaMin.ToString(), Scalar(hpa, "spec.minReplicas"));
        Assert.Equal(row.HpaMax.ToString(), Scalar(hpa, "spec.maxReplicas"));
        Assert.Equal(row.Replicas.ToString(), Scalar(hpa, "spec.minReplicas"));
        Assert.Equal(Scalar(release.Deployment, "metadata.name"), Scalar(hpa, "spec.scaleTargetRef.name"));
        Assert.Equal("autoscaling/v2", Scalar(hpa, "apiVersion"));
        Assert.Equal("70", UtilizationTarget(hpa, "cpu"));
        Assert.Equal("80", UtilizationTarget(hpa, "memory"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Resources_match(string environment)
    {
        var row = SeedEnvironmentTable.Row(environment);
        var container = renders.For(environment).Container;
        Assert.Equal(row.CpuRequest, Scalar(container, "resources.requests.cpu"));
        Assert.Equal(row.CpuLimit, Scalar(container, "resources.limits.cpu"));
        Assert.Equal(row.MemoryRequest, Scalar(container, "resources.requests.memory"));
        Assert.Equal(row.MemoryLimit, Scalar(container, "resources.limits.memory"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Log_level_reaches_the_container_through_the_config_map(string environment)
    {
        var release = renders.For(environment);
        var configMap = release.Single("ConfigMap");
        Assert.Equal(SeedEnvironmentTable.Row(environment).LogLevel, Scalar(configMap, "data.LOG_LEVEL"));

        var envFrom = (YamlSequenceNode)Get(release.Container, "envFrom");
        Assert.Contains(envFrom.Children, source =>
            ScalarOrNull(source, "configMapRef.name") == Scalar(configMap, "metadata.name"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Pod_anti_affinity_only_where_the_table_says(string environment)
    {
        var release = renders.For(environment);
        var antiAffinity = Find(release.PodSpec, "affinity.podAntiAffinity");
        if (!SeedEnvironmentTable.Row(environment).PodAntiAffinity)
        {
            Assert.Null(antiAffinity);
            return;
        }

        Assert.NotNull(antiAffinity);
        // Either rule form counts; the term must spread this app's own pods over nodes.
        var term = Find(antiAffinity!, "requiredDuringSchedulingIgnoredDuringExecution[0]")
                   ?? Get(antiAffinity!, "preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm");
        Assert.Equal("kubernetes.io/hostname", Scalar(term, "topologyKey"));
        var selector = (YamlMappingNode)Get(term, "labelSelector.matchLabels");
        var podLabels = (YamlMappingNode)Get(release.Deployment, "spec.template.metadata.labels");
        Assert.NotEmpty(selector.Children);
        foreach (var (key, value) in selector.Children)
            Assert.Equal(((YamlScalarNode)value).Value, ((YamlScalarNode)podLabels.Children[key]).Value);
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Pod_disruption_budget_wherever_more_than_one_replica_runs(string environment)
    {
        var release = renders.For(environment);
        var budgets = release.OfKind("PodDisruptionBudget").ToList();
        if (SeedEnvironmentTable.Row(environment).Replicas <= 1)
        {
            Assert.Empty(budgets);
            return;
        }

        var budget = Assert.Single(budgets);
        Assert.Equal("policy/v1", Scalar(budget, "apiVersion"));
        var minAvailable = int.Parse(Scalar(budget, "spec.minAvailable"));
        Assert.InRange(minAvailable, 1, SeedEnvironmentTable.Row(environment).Replicas - 1);
        Assert.Equal(StringMap(release.Deployment, "spec.selector.matchLabels"), StringMap(budget, "spec.selector.matchLabels"));
    }

    [Theory]
    [MemberData(nameof(SeedEnvironmentTable.Environments), MemberType = typeof(SeedEnvironmentTable))]
    public void Sync_policy_matches(string environment)
    {
        var row = SeedEnvironmentTable.Row(environment);
        var manifest = renders.Applications.Single(a => a.Environment == environment).Manifest;
        var automated = Find(manifest, "spec.syncPolicy.automated");
        if (!row.AutoSync)
        {
            // Manual sync means no automated block at all: an empty one would enable auto-sync.
            Assert.Null(automated);
            return;
        }

        Assert.NotNull(automated);
        Assert.Equal(row.AutoPrune.ToString().ToLowerInvariant(), ScalarOrNull(automated!, "prune"));
        Assert.Equal(row.SelfHeal.ToString().ToLowerInvariant(), ScalarOrNull(automated!, "selfHeal"));
    }

    private static string UtilizationTarget(YamlNode hpa, string resource)
    {
        var metrics = (YamlSequenceNode)Get(hpa, "spec.metrics");
        var metric = metrics.Children.Single(m => ScalarOrNull(m, "resource.name") == resource);
        Assert.Equal("Utilization", Scalar(metric, "resource.target.type"));
        return Scalar(metric, "resource.target.averageUtilization");
    }
}
