namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The files a git generator sees: in a Git checkout the tracked files and the untracked ones Git
/// does not ignore (what the next commit holds), elsewhere every file but .git's. The directory
/// generator skips folders whose name starts with '.'. Paths are relative to the root with '/'.
/// </summary>
internal sealed class WorkingTree(IReadOnlyList<string> files)
{
    public IReadOnlyList<string> Files { get; } = files;

    /// <summary>Every folder holding a file, at any depth (Git knows no empty folders).</summary>
    public IReadOnlyList<string> Directories { get; } = files
        .SelectMany(f => Parents(f))
        .Where(d => !d.Split('/').Any(s => s.StartsWith('.')))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    public static WorkingTree Read(string root)
    {
        var files = (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")) ? Git.GitWorkingTree.Find(root)?.Files() : null)
            // As git lists them: a symlink is a file of its own (never entered); reading one is checked where it is read.
            ?? IO.FolderWalk.Entries(root, dir => dir.Name != ".git").Where(e => e is FileInfo || e.LinkTarget != null)
                .Select(f => Path.GetRelativePath(root, f.FullName).Replace('\\', '/')).ToList();
        return new WorkingTree(files.Where(f => !f.StartsWith(".git/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<string> Parents(string file)
    {
        for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
        {
            yield return file[..slash];
        }
    }
}
