using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Apply;

/// <summary>
/// Where Argo CD's install manifest comes from: the pinned upstream release by default, or
/// --argocd-manifest=path|url (air-gapped clusters point it at a local copy).
/// </summary>
public static class ManifestSource
{
    /// <summary>Argo CD release installed when no version is given. Pinned: upgrades are a reviewed change.</summary>
    public const string DefaultArgoCdVersion = "v3.1.12";

    public const string InstallUrlTemplate = "https://raw.githubusercontent.com/argoproj/argo-cd/{0}/manifests/install.yaml";

    public static string ArgoCdInstallUrl(string? version) => string.Format(InstallUrlTemplate, version ?? DefaultArgoCdVersion);

    /// <summary>Reads the manifest text from a file path or downloads it (bounded by <paramref name="ct"/>).</summary>
    public static async Task<(string Text, string Source)> LoadAsync(string? manifest, string? version, CancellationToken ct)
    {
        var location = manifest ?? ArgoCdInstallUrl(version);
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            using var http = new HttpClient();
            try
            {
                return (await http.GetStringAsync(uri, ct), location);
            }
            catch (HttpRequestException e)
            {
                throw new ClusterException(
                    $"Cannot download the Argo CD install manifest from {location}: {e.Message}. " +
                    "Fix: on an air-gapped machine pass --argocd-manifest=<path of a downloaded install.yaml>.", e);
            }
        }
        if (!File.Exists(location))
            throw new ClusterException($"Argo CD install manifest '{location}' does not exist. Fix: pass --argocd-manifest=<existing path or URL>.");
        return (await File.ReadAllTextAsync(location, ct), location);
    }
}
