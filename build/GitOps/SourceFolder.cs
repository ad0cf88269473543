using GitOps.Build.IO;

namespace GitOps.Build.GitOps;

/// <summary>
/// Where a source's <c>path</c> is, the way Argo CD's repo-server joins it: relative to the
/// repository root whatever it starts with (a leading '/' is the root), and never outside it — a
/// path that climbs out with <c>..</c> or through a symlink is refused, as is a folder that holds a
/// symlink pointing outside (Argo CD refuses to render a repository with out-of-bounds symlinks).
/// </summary>
public static class SourceFolder
{
    /// <summary>The folder, or null when it lies outside <paramref name="root"/> (symlinks followed).</summary>
    public static string? Resolve(string root, string path)
    {
        var full = Path.GetFullPath(path.TrimStart('/', '\\'), root);
        return RepoPath.IsUnder(root, full) && RepoPath.IsInside(root, full) ? full : null;
    }

    /// <summary>
    /// The first symlink that resolves outside <paramref name="root"/> below <paramref name="folder"/>, or
    /// below the folders it reaches through links inside the repository (what a tool reading the folder
    /// follows); null when there is none.
    /// </summary>
    public static string? LinkOutside(string root, string folder) =>
        FolderWalk.Reachable(root, folder, dir => dir.Name != ".git").LinksOutside.FirstOrDefault();
}
