namespace GitOps.Build.IO;

/// <summary>
/// The one place paths inside a root (the repository, the artifacts folder, a cache) are computed:
/// how a path is shown relative to its root, and whether a path — with symlinks followed — lies
/// inside it. Containment is separator-aware: a root <c>/r</c> does not contain <c>/r-outside</c>.
/// </summary>
public static class RepoPath
{
    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="root"/> with forward slashes, as findings
    /// and messages show it; a path outside the root is returned in full, so it is never mistaken
    /// for a repository file.
    /// </summary>
    public static string Relative(string root, string path)
    {
        var full = Path.GetFullPath(path, root);
        var relative = Path.GetRelativePath(Path.GetFullPath(root), full).Replace('\\', '/');
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it, after following every symlink on both.</summary>
    public static bool IsInside(string root, string path)
    {
        var realRoot = RealPath(root);
        var realPath = RealPath(path);
        return IsUnder(realRoot, realPath);
    }

    /// <summary>Lexical containment (no file system access): <paramref name="path"/> equals <paramref name="root"/> or starts with it and a separator.</summary>
    public static bool IsUnder(string root, string path)
    {
        var r = Trim(Path.GetFullPath(root));
        var p = Trim(Path.GetFullPath(path));
        if (string.Equals(r, p, StringComparison.Ordinal)) return true;
        var withSeparator = r.EndsWith(Path.DirectorySeparatorChar) ? r : r + Path.DirectorySeparatorChar;
        return p.StartsWith(withSeparator, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="relative"/> resolved against <paramref name="baseDirectory"/>, or null when the result
    /// (symlinks followed) lies outside <paramref name="root"/>.
    /// </summary>
    public static string? ResolveInside(string root, string baseDirectory, string relative)
    {
        var full = Path.GetFullPath(relative, baseDirectory);
        return IsInside(root, full) ? full : null;
    }

    /// <summary>
    /// The path with every symlink on it resolved, as the operating system would open it. Parts that
    /// do not exist yet are kept as written below the deepest existing folder (a file about to be created).
    /// </summary>
    public static string RealPath(string path) => RealPath(path, new HashSet<string>(StringComparer.Ordinal));

    // `following` holds the links being resolved on the way here: meeting one again is a cycle
    // (a -> b -> a), which the operating system refuses to open (ELOOP). It is then kept as
    // written instead of being followed for ever.
    private static string RealPath(string path, HashSet<string> following)
    {
        var full = Path.GetFullPath(path);
        var rootPart = Path.GetPathRoot(full) ?? "/";
        var parts = full[rootPart.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = rootPart;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists && info.LinkTarget == null)
            {
                return Path.Combine([current, .. parts[i..]]);
            }
            if (info.LinkTarget != null)
            {
                // A link met again while it is being resolved is a cycle: keep it as written.
                if (!following.Add(next)) return Path.Combine([next, .. parts[(i + 1)..]]);
                // The target resolved in full, so that a chain of links (and links to relative targets) resolves.
                var resolved = RealPath(Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(next) ?? rootPart), following);
                following.Remove(next);
                next = resolved;
            }
            current = next;
        }
        return current;
    }

    private static string Trim(string path) =>
        path.Length > 1 && path.EndsWith(Path.DirectorySeparatorChar) ? path.TrimEnd(Path.DirectorySeparatorChar) : path;
}
