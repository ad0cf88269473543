namespace GitOps.Build.Cluster;

/// <summary>Bootstrap's arguments as its operation takes them, so the task stays a few lines.</summary>
public static class ClusterArguments
{
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
