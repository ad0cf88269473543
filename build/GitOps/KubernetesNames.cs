using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps;

/// <summary>
/// Names the repository gives that this suite uses in file names (Application names become
/// artifact and cache names; a remote chart's name and version become a cache file). They are
/// checked before any such use, so no name can point a write or a read elsewhere.
/// </summary>
public static partial class KubernetesNames
{
    // RFC 1123 subdomain, as the API server requires of metadata.name for most kinds.
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    // A Helm chart name (letters, digits, '-', '_', '.'; no separators) and a version (SemVer-ish, no separators).
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ChartToken();

    public static bool IsObjectName(string? name) => name is { Length: > 0 and <= 253 } && Subdomain().IsMatch(name);

    public static bool IsChartToken(string? token) => token is { Length: > 0 and <= 253 } && ChartToken().IsMatch(token) && !token.Contains("..");

    /// <summary>
    /// A chart name as a Helm source gives it: one token, or, from an OCI registry (<see cref="Helm.OciChart"/>),
    /// the rest of the registry path too, tokens separated by '/' (bitnamicharts/mongodb).
    /// </summary>
    public static bool IsChartName(string? chart, string? repoUrl) =>
        IsChartToken(chart) || chart is { Length: <= 253 } && Helm.OciChart.IsRegistry(repoUrl) && chart.Split('/').All(IsChartToken);
}
