namespace GitOps.Build.IO;

/// <summary>
/// Writes several files as one change: all of them, or none. Every file's bytes go to a temp file beside it first
/// (folders a new file needs are created), and only when all are on disk is each renamed over its target. When a
/// write or a rename fails, the files already renamed get their old bytes back (or are deleted, when new), the temp
/// files and the folders this created are removed, and the error goes on: the repository is as it was.
/// </summary>
public static class AtomicFileSet
{
    /// <param name="files">Absolute paths and their new bytes; a path at most once.</param>
    public static void WriteAll(IReadOnlyList<(string Path, byte[] Content)> files)
    {
        var createdFolders = new List<string>();
        var temps = new List<(string Target, string Temp, byte[]? Before)>();
        var renamed = new List<(string Target, byte[]? Before)>();
        try
        {
            foreach (var (path, content) in files)
            {
                var target = Path.GetFullPath(path);
                CreateFolders(Path.GetDirectoryName(target)!, createdFolders);
                var before = File.Exists(target) ? File.ReadAllBytes(target) : null;
                temps.Add((target, AtomicFile.WriteTemp(target, content), before));
            }
            foreach (var (target, temp, before) in temps)
            {
                File.Move(temp, target, overwrite: true);
                renamed.Add((target, before));
            }
        }
        catch
        {
            foreach (var (_, temp, _) in temps) AtomicFile.TryDelete(temp);
            foreach (var (target, before) in Enumerable.Reverse(renamed))
            {
                if (before is null) AtomicFile.TryDelete(target);
                else AtomicFile.WriteAllBytes(target, before);
            }
            foreach (var folder in Enumerable.Reverse(createdFolders))
            {
                try { Directory.Delete(folder); }
                catch (IOException) { /* not empty (someone else wrote there) or gone: leave it */ }
            }
            throw;
        }
    }

    /// <summary>Creates <paramref name="folder"/> and the parents it lacks, noting each it created (outermost first).</summary>
    private static void CreateFolders(string folder, List<string> created)
    {
        var missing = new Stack<string>();
        for (var dir = folder; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!) missing.Push(dir);
        while (missing.TryPop(out var dir))
        {
            Directory.CreateDirectory(dir);
            created.Add(dir);
        }
    }
}
