namespace GitOps.Build.Findings;

/// <summary>
/// How strict the workload policy rules are for an environment. A rule a profile does not name
/// keeps the severity the registry gives it (<see cref="Rules"/>); null in <see cref="Severities"/>
/// turns the rule off. Chosen per environment in the repository configuration (gitops-build.yaml:
/// <c>profile:</c>, or <c>environments.&lt;name&gt;.profile:</c>).
/// </summary>
public sealed record PolicyProfile(string Name, long? RunAsUser, IReadOnlyDictionary<string, Severity?> Severities)
{
    /// <summary>
    /// The seed's policy (ARCHITECTURE.md, "Security"): every container non-root as UID 1000, with a
    /// read-only root filesystem, ALL capabilities dropped, no privilege escalation, requests,
    /// limits and both probes; replicated workloads under a PodDisruptionBudget. All errors.
    /// </summary>
    public static PolicyProfile Seed { get; } = new("seed", 1000, new Dictionary<string, Severity?>());

    /// <summary>
    /// For a repository that chose no profile: what kube-linter and Polaris report out of the box.
    /// Errors where both treat the setting as dangerous (running as root; privileged containers and
    /// privilege escalation asked for, see SecurityContextRules); warnings where Polaris warns
    /// (read-only root filesystem, capabilities, requests, limits, probes, disruption budgets, pod
    /// anti-affinity); no particular UID, since nobody agreed on one.
    /// </summary>
    public static PolicyProfile Baseline { get; } = new("baseline", null, new Dictionary<string, Severity?>
    {
        [Rules.RunAsUser.Id] = null,
        [Rules.ReadOnlyRootFilesystem.Id] = Severity.Warning,
        [Rules.DropAllCapabilities.Id] = Severity.Warning,
        [Rules.NoPrivilegeEscalation.Id] = Severity.Warning,
        [Rules.ResourceRequests.Id] = Severity.Warning,
        [Rules.ResourceLimits.Id] = Severity.Warning,
        [Rules.LivenessProbe.Id] = Severity.Warning,
        [Rules.ReadinessProbe.Id] = Severity.Warning,
        [Rules.DisruptionBudget.Id] = Severity.Warning,
        [Rules.AntiAffinity.Id] = Severity.Warning,
    });

    public static IReadOnlyList<PolicyProfile> All { get; } = [Seed, Baseline];

    public static PolicyProfile? Find(string? name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The rule's severity under this profile; null when the profile turns it off.</summary>
    public Severity? SeverityOf(Rule rule) => Severities.TryGetValue(rule.Id, out var severity) ? severity : rule.Severity;
}
