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

    public static IEnumerable<FileSystemInfo> Entries(string folder, Func<DirectoryInfo, bool>? enter = null)
    {
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
                if (entry is DirectoryInfo dir && entry.LinkTarget == null && (enter?.Invoke(dir) ?? true)) subfolders.Add(dir.FullName);
            }
            // Pushed last first, so that they come off the stack in name order ("base" before "overlays").
            for (var i = subfolders.Count - 1; i >= 0; i--) pending.Push(subfolders[i]);
        }
    }
}
