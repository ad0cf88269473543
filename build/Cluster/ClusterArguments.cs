using GitOps.Build.Arguments.Settings;

namespace GitOps.Build.Cluster;

/// <summary>
/// Turns the cluster targets' settings into the options of the cluster operations, so the four
/// task classes stay a few lines each.
/// </summary>
public static class ClusterArguments
{
    public static ClusterOptions Options(ClusterSettings settings) => new()
    {
        KubeconfigPath = settings.Kubeconfig,
        Context = settings.Context,
        Timeout = settings.Timeout,
    };

    /// <summary>The controller's location; --controller-namespace / --controller-name override the chart's defaults.</summary>
    public static ControllerLocation Controller(ControllerSettings settings) =>
        new ControllerLocation() with { Namespace = settings.Namespace, Service = settings.Name };

    /// <summary>--argocd-manifest: a URL as given, a path made absolute against where the operator stands.</summary>
    public static string? ArgoCdManifest(string? text, string workingDirectory)
    {
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? text
            : Path.GetFullPath(text, workingDirectory);
    }

    /// <summary>The AppProject files (--projects, default gitops/argocd/projects), applied before the root app, in a stable order.</summary>
    public static IReadOnlyList<string> ProjectFiles(string folder)
    {
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Concat(Directory.GetFiles(folder, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
