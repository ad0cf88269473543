namespace GitOps.Build.IO;

/// <summary>
/// The one way this program deletes a folder and everything in it: without ever following a
/// symlink. A link (to a file or to a folder, dangling or not) is unlinked as itself, never entered,
/// so a link a repository committed (<c>victim -> /home</c>, <c>up -> ../../..</c>) and that ended up
/// in a scratch copy cannot make the clean-up delete what it points to. Files and links are removed
/// in parallel (a repository's worth of unlinks overlaps its waits on the file system), then the
/// folders, deepest first. What cannot be deleted is left and reported by the return value.
/// </summary>
public static class FolderDelete
{
    /// <summary>Deletes <paramref name="folder"/> and everything below it; true when nothing is left. A link given as <paramref name="folder"/> is unlinked, its target untouched.</summary>
    public static bool Tree(string folder)
    {
        var root = new DirectoryInfo(folder);
        if (root.LinkTarget != null) return TryUnlink(root);
        if (!root.Exists) return true;
        var entries = FolderWalk.Entries(root.FullName).ToList();
        // FolderWalk yields a link as itself and never enters it: every link here is removed as a link.
        var leaves = entries.Where(e => e.LinkTarget != null || e is FileInfo).ToList();
        var failed = 0;
        Parallel.ForEach(leaves, new ParallelOptions { MaxDegreeOfParallelism = 8 }, entry =>
        {
            if (!TryUnlink(entry)) Interlocked.Increment(ref failed);
        });
        // Folders deepest first: each is empty by the time it is removed (non-recursive delete never follows anything).
        foreach (var dir in entries.Where(e => e is DirectoryInfo && e.LinkTarget == null).Select(e => e.FullName)
                     .OrderByDescending(p => p.Length).Append(root.FullName))
        {
            try { Directory.Delete(dir, recursive: false); }
            catch (IOException) { failed++; }
            catch (UnauthorizedAccessException) { failed++; }
        }
        return failed == 0;
    }

    /// <summary>Removes a file or a link itself: on Unix File.Delete unlinks a link whatever it points to; Windows removes a folder link with a non-recursive folder delete.</summary>
    private static bool TryUnlink(FileSystemInfo entry)
    {
        try
        {
            if (OperatingSystem.IsWindows() && entry is DirectoryInfo) Directory.Delete(entry.FullName, recursive: false);
            else File.Delete(entry.FullName);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
