namespace GitOps.Build.Tests.Chart;

/// <summary>
/// One row of the "Environment Differences" table in the seed's
/// ARCHITECTURE.md: the specification the rendered objects must meet.
/// HpaMin/HpaMax are null where the HPA is disabled.
/// </summary>
public sealed record EnvironmentRow(
    string Environment,
    string Namespace,
    string ImageTag,
    int Replicas,
    bool AutoSync,
    bool AutoPrune,
    bool SelfHeal,
    int? HpaMin,
    int? HpaMax,
    string CpuRequest,
    string CpuLimit,
    string MemoryRequest,
    string MemoryLimit,
    string LogLevel,
    bool PodAntiAffinity);

public static class SeedEnvironmentTable
{
    public static readonly IReadOnlyList<EnvironmentRow> Rows =
    [
        new("dev", "ontu-schedule-dev", "develop", 1, true, true, true, null, null, "50m", "200m", "64Mi", "256Mi", "debug", false),
        new("staging", "ontu-schedule-staging", "staging", 2, true, true, true, 2, 5, "100m", "400m", "128Mi", "512Mi", "info", false),
        new("prod", "ontu-schedule-prod", "v1.0.0", 3, false, false, false, 3, 10, "200m", "1000m", "256Mi", "1Gi", "warn", true),
    ];

    public static EnvironmentRow Row(string environment) => Rows.Single(r => r.Environment == environment);

    /// <summary>Theory data: one case per environment.</summary>
    public static TheoryData<string> Environments => new(Rows.Select(r => r.Environment));
}
