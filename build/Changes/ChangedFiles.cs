namespace GitOps.Build.Changes;

/// <summary>
/// Whether a file (a path relative to the repository root) has other content on one side of a
/// change than on the other: the base revision written out by <see cref="Git.IGitWorkingTree.WriteTree"/>
/// against the working tree, uncommitted edits included. A file on one side only differs; one on
/// neither does not. Answers are kept: a chart's files are asked about once per unit that reads them.
/// </summary>
public sealed class ChangedFiles(string baseRoot, string headRoot)
{
    private readonly Dictionary<string, bool> _known = new(StringComparer.Ordinal);

    public string BaseRoot { get; } = Path.GetFullPath(baseRoot);
    public string HeadRoot { get; } = Path.GetFullPath(headRoot);

    public bool Differs(string relative)
    {
        relative = relative.Replace('\\', '/');
        lock (_known)
        {
            if (_known.TryGetValue(relative, out var known)) return known;
            return _known[relative] = !SameContent(Side(BaseRoot, relative), Side(HeadRoot, relative));
        }
    }

    /// <summary>
    /// The file at <paramref name="relative"/> on one side: Outside when it resolves (symlinks followed)
    /// outside that side's root, which is never read, not even to compare (the loader refuses such a
    /// link on either side, so two of them count as the same); else its path, null when it is missing.
    /// </summary>
    private static (bool Outside, string? Path) Side(string root, string relative)
    {
        var path = Path.GetFullPath(relative, root);
        return IO.RepoPath.IsInside(root, path) ? (false, File.Exists(path) ? path : null) : (true, null);
    }

    /// <summary>The files asked about so far that differ, sorted (what a report names as the change).</summary>
    public IReadOnlyList<string> Changed
    {
        get { lock (_known) return _known.Where(kv => kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList(); }
    }

    private static bool SameContent((bool Outside, string? Path) sideA, (bool Outside, string? Path) sideB)
    {
        if (sideA.Outside || sideB.Outside) return sideA.Outside == sideB.Outside;
        if (sideA.Path is not { } a || sideB.Path is not { } b) return sideA.Path == sideB.Path;
        var (infoA, infoB) = (new FileInfo(a), new FileInfo(b));
        if (infoA.Length != infoB.Length) return false;
        // Line endings are compared as bytes: a CRLF conversion is a change helm sees too.
        return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }
}
