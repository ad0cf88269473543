namespace GitOps.Build.IO;

/// <summary>
/// Every entry below a folder: a folder's entries in name order, then each of its subfolders the
/// same way, in name order (depth first), without following symlinks: a link is
/// yielded as itself (its <see cref="FileSystemInfo.LinkTarget"/> set), never entered. Folders that
/// cannot be read are passed over.
/// </summary>
public static class FolderWalk
{
    /// <summary>
    /// Folders below a repository that are not its content: git's own, and what builds and tools
    /// leave there (this program's artifacts, caches, pinned tools and build output; node and .NET output).
    /// </summary>
    public static IReadOnlySet<string> NotRepositoryContent { get; } =
        new HashSet<string>(StringComparer.Ordinal) { ".git", "artifacts", ".cache", ".tools", ".build", "node_modules", "bin", "obj" };

    public static IEnumerable<FileSystemInfo> Entries(string folder, Func<DirectoryInfo, bool>? enter = null) => Walk(folder, enter, follow: null);

    /// <summary>
    /// Every file below <paramref name="folder"/> as a tool reading the folder sees it (helm a chart,
    /// a build its inputs): symlinks that resolve inside <paramref name="root"/> are followed (a folder
    /// is walked once, by its real path, so a link cycle ends), those that resolve outside it are
    /// listed in <c>LinksOutside</c> and neither entered nor read. Paths are as reached under the
    /// folder (through the link), in the order of <see cref="Entries"/>.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> LinksOutside) Reachable(string root, string folder, Func<DirectoryInfo, bool>? enter = null)
    {
        var files = new List<string>();
        var outside = new List<string>();
        foreach (var entry in Walk(folder, enter, follow: link => RepoPath.IsInside(root, link.FullName)))
        {
            if (entry.LinkTarget != null && !RepoPath.IsInside(root, entry.FullName)) outside.Add(entry.FullName);
            else if (File.Exists(entry.FullName)) files.Add(entry.FullName); // a dangling link is nothing to read
        }
        return (files, outside);
    }

    /// <param name="follow">Which links to folders are entered (each real folder once); null: none.</param>
    private static IEnumerable<FileSystemInfo> Walk(string folder, Func<DirectoryInfo, bool>? enter, Func<FileSystemInfo, bool>? follow)
    {
        var walked = new HashSet<string>(StringComparer.Ordinal) { RepoPath.RealPath(folder) };
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var subfolders = new List<string>();
            foreach (var entry in entries)
            {
                yield return entry;
                if (entry is not DirectoryInfo dir || !(enter?.Invoke(dir) ?? true)) continue;
                if (entry.LinkTarget == null) subfolders.Add(dir.FullName);
                else if (follow != null && follow(entry) && Directory.Exists(entry.FullName) && walked.Add(RepoPath.RealPath(entry.FullName))) subfolders.Add(dir.FullName);
            }
            // Pushed last first, so that they come off the stack in name order ("base" before "overlays").
            for (var i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }
}
