using GitOps.Build.Arguments;

namespace GitOps.Build.Cluster;

/// <summary>
/// Reads the cluster targets' arguments and repository inputs from the shared <see cref="BuildArguments"/>,
/// so the four task classes stay a few lines each.
/// </summary>
public static class ClusterArguments
{
    public static ClusterOptions Options(BuildArguments args) => new()
    {
        KubeconfigPath = args.Reader.Path("kubeconfig", args.WorkingDirectory),
        Context = args.Reader.Text("context"),
        Timeout = args.Timeout,
    };

    /// <summary>The controller's location; --controller-namespace / --controller-name override the chart's defaults.</summary>
    public static ControllerLocation Controller(BuildArguments args)
    {
        var defaults = new ControllerLocation();
        return defaults with
        {
            Namespace = args.Reader.Text("controller-namespace") ?? defaults.Namespace,
            Service = args.Reader.Text("controller-name") ?? defaults.Service,
        };
    }

    /// <summary>--argocd-manifest: a URL as given, a path made absolute against where the operator stands.</summary>
    public static string? ArgoCdManifest(BuildArguments args)
    {
        var text = args.Reader.Text("argocd-manifest");
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? text
            : Path.GetFullPath(text, args.WorkingDirectory);
    }

    /// <summary>The AppProject files (--projects, default gitops/argocd/projects), applied before the root app, in a stable order.</summary>
    public static IReadOnlyList<string> ProjectFiles(string folder)
    {
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml").Concat(Directory.GetFiles(folder, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
