using GitOps.Build.Findings;

namespace GitOps.Build.Config;

/// <summary>
/// How the suite reads one repository, from <c>gitops-build.yaml</c> at its root (see
/// docs/configuration.md and repository-config.schema.json): entry points, Argo CD's namespaces and
/// version, environments and their policy, rule severities, path exclusions, sealing certificates,
/// clusters. Every part is optional; without the file everything is found or inferred, and the
/// command line wins over the file wherever both say something.
/// </summary>
public sealed record RepositoryConfig
{
    public const string FileName = "gitops-build.yaml";

    /// <summary>No file: discovery, inference and the baseline profile.</summary>
    public static RepositoryConfig None { get; } = new();

    /// <summary>The file read, absolute; null when the repository has none.</summary>
    public string? File { get; init; }

    /// <summary>Root Application files or folders, absolute; empty: found in the repository.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];

    /// <summary>argocd.namespaces: where Argo CD reads its own objects from; null: argocd.</summary>
    public IReadOnlyList<string>? ArgoCdNamespaces { get; init; }

    /// <summary>argocd.version: the Argo CD the repository deploys to, which picks the helm that renders.</summary>
    public string? ArgoCdVersion { get; init; }

    /// <summary>
    /// argocd.kustomize.loadRestrictor: the <c>--load-restrictor</c> of Argo CD's kustomize.buildOptions
    /// (argocd-cm), e.g. LoadRestrictionsNone for overlays that read files beside their folder; null: kustomize's default.
    /// </summary>
    public string? KustomizeLoadRestrictor { get; init; }

    /// <summary>
    /// network.allowedHosts: the hosts a run that is not --offline may fetch remote charts and kustomize
    /// bases from (a name, or <c>*.domain</c>); empty (the default): none, so a repository (or a pull
    /// request) naming an address makes no request to it.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The profile of environments that name none (and of Applications in no environment).</summary>
    public PolicyProfile Profile { get; init; } = PolicyProfile.Baseline;

    /// <summary>environments: and promotion:, read by the one environments reader; null when the file has no environments: (the environments file is read).</summary>
    public EnvironmentsConfig? Environments { get; init; }

    /// <summary>rules: and exclude: as one adjustment of every finding.</summary>
    public FindingAdjustments Adjustments { get; init; } = FindingAdjustments.None;

    /// <summary>sealing.certificate, absolute: the certificate of the default cluster.</summary>
    public string? DefaultCertificate { get; init; }

    /// <summary>sealing.clusters: destination cluster name or server URL to its certificate, absolute.</summary>
    public IReadOnlyDictionary<string, string> ClusterCertificates { get; init; } = new Dictionary<string, string>();

    /// <summary>clusters: what ApplicationSet cluster generators see, the in-cluster one always first.</summary>
    public IReadOnlyList<ClusterInfo> Clusters { get; init; } = [ClusterInfo.InCluster];

    /// <summary>promotion.holds, absolute: the holds file Rollback writes and Promote respects; null: promotion-holds.yaml at the root.</summary>
    public string? PromotionHolds { get; init; }

    /// <summary>promotion.images: an app's image repository, for environments whose workloads run several images none named for the app.</summary>
    public IReadOnlyDictionary<string, string> PromotionImages { get; init; } = new Dictionary<string, string>();


    /// <summary>
    /// applicationSets.maxApplications when the file does not say. Each generated Application is linted
    /// and rendered on its own (1,000 of them took 1 min 42 s in Lint alone on a CI-sized machine), so a
    /// thousand keeps one ApplicationSet within minutes of a run, above what most repositories generate;
    /// one that generates more says so in gitops-build.yaml.
    /// </summary>
    public const int DefaultMaxApplicationsPerSet = 1_000;

    /// <summary>applicationSets.maxApplications: the most Applications one ApplicationSet generates (APPSET-LIMIT past it).</summary>
    public int MaxApplicationsPerSet { get; init; } = DefaultMaxApplicationsPerSet;

    /// <summary>
    /// The certificate that seals for an Application's destination: sealing.clusters by the
    /// destination's name or server, else sealing.certificate; null when the file says neither.
    /// </summary>
    public string? CertificateFor(string? destinationName, string? destinationServer)
    {
        foreach (var key in new[] { destinationName, destinationServer })
        {
            if (key is { Length: > 0 } && ClusterCertificates.TryGetValue(key, out var path)) return path;
        }
        return DefaultCertificate;
    }
}
