using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps;

/// <summary>
/// Kubernetes' name grammar, in one place: names the repository gives that this suite uses in file
/// names (Application names become artifact and cache names; a remote chart's name and version become
/// a cache file), checked before any such use so no name can point a write or a read elsewhere; and the
/// DNS label an app or environment the suite creates must be.
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

    /// <summary>
    /// True for a DNS label (RFC 1123: lower-case letters, digits and '-', starting and ending with a letter or digit,
    /// at most 63 characters): what Kubernetes accepts as a namespace, a Service's name and a label value, and so
    /// what an app or environment name must be to become part of all of them.
    /// </summary>
    public static bool IsDnsLabel(string name) => name.Length is > 0 and <= 63 && DnsLabel().IsMatch(name);

    /// <summary>Why a name is not a DNS label, for the refusal.</summary>
    public static string WhyNotDnsLabel(string name)
    {
        var why = new StringBuilder();
        if (name.Length == 0) return "it is empty";
        if (name.Length > 63) why.Append($"it has {name.Length} characters (at most 63); ");
        if (name.Any(char.IsUpper)) why.Append("it has upper-case letters; ");
        if (name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')) why.Append("it has characters other than a-z, 0-9 and '-'; ");
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) why.Append("it must start and end with a letter or digit; ");
        return why.Length == 0 ? "it is not one" : why.ToString().TrimEnd(' ', ';');
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
