namespace GitOps.Build.Config;

/// <summary>
/// A cluster as Argo CD knows it (a cluster Secret, or the cluster Argo CD runs in), what the
/// cluster generator produces parameters from. Offline only the in-cluster destination is known
/// unless a repository configuration gives more.
/// </summary>
public sealed record ClusterInfo(
    string Name,
    string Server,
    string Project = "",
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>The cluster Argo CD runs in, as the cluster generator names it when no Secret describes it.</summary>
    public static ClusterInfo InCluster { get; } = new("in-cluster", "https://kubernetes.default.svc");

    public IReadOnlyDictionary<string, string> LabelMap => Labels ?? new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> AnnotationMap => Annotations ?? new Dictionary<string, string>();
}
