namespace GitOps.Build.Helm;

/// <summary>
/// A chart in an OCI registry as Argo CD names one: a Helm source whose repoURL has no scheme
/// (<c>registry-1.docker.io/bitnamicharts</c>; Argo CD's Helm OCI form leaves oci:// out) or says
/// oci://. The chart name may then carry the rest of the registry path (<c>bitnamicharts/mongodb</c>
/// under <c>registry-1.docker.io</c>); helm pulls it as oci://&lt;repoURL&gt;/&lt;chart&gt;.
/// </summary>
public static class OciChart
{
    private const string Scheme = "oci://";

    public static bool IsRegistry(string? repoUrl) =>
        repoUrl is { Length: > 0 } url && (url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !url.Contains("://", StringComparison.Ordinal));

    /// <summary>The reference helm pulls: oci://&lt;registry and path&gt;/&lt;chart&gt;.</summary>
    public static string Reference(string repoUrl, string chart)
    {
        var registry = repoUrl.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? repoUrl[Scheme.Length..] : repoUrl;
        return $"{Scheme}{registry.TrimEnd('/')}/{chart}";
    }
}
