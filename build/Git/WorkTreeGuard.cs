using GitOps.Build.IO;
using GitOps.Build.Primitives;
using LibGit2Sharp;

namespace GitOps.Build.Git;

/// <summary>
/// Keeps secret material (private keys, plaintext values) out of git work trees: a file about to be
/// written inside a work tree is refused unless git ignores it and does not track it, since anything
/// else is one <c>git add -A</c> away from a commit. Symlinked folders are followed, as the write will.
/// </summary>
public static class WorkTreeGuard
{
    /// <summary>Why <paramref name="file"/> must not receive <paramref name="what"/>, or null when it may.</summary>
    /// <param name="what">What the file would hold, for the message (e.g. "the controller's private keys").</param>
    public static string? Problem(string file, string what)
    {
        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full) ?? full;
        // The folder as the OS resolves it; the file name itself is replaced, not followed, by an atomic write.
        var target = Path.Combine(RepoPath.RealPath(folder), Path.GetFileName(full));
        var gitDir = Repository.Discover(NearestExistingFolder(Path.GetDirectoryName(target) ?? target));
        if (gitDir is null) return null;
        using var repo = new Repository(gitDir);
        if (repo.Info.IsBare || repo.Info.WorkingDirectory is null) return null;
        var workTree = RepoPath.RealPath(repo.Info.WorkingDirectory);
        if (!RepoPath.IsUnder(workTree, target) || RepoPath.IsUnder(RepoPath.RealPath(repo.Info.Path), target)) return null;

        var relative = RepoPath.Relative(workTree, target);
        var shown = $"{file} ({relative} in the git work tree {workTree.TrimEnd(Path.DirectorySeparatorChar)})";
        if (repo.Index[relative] is not null)
            return $"{shown} is a file git tracks: {what} written there would be one commit away from the history. "
                + "Write it outside the repository; --force writes it anyway.";
        if (repo.Ignore.IsPathIgnored(relative)) return null;
        return $"{shown} is not ignored by git: {what} written there would be one 'git add -A' away from a commit. "
            + $"Write it outside the repository (e.g. --output={Path.Combine(Path.GetDirectoryName(workTree.TrimEnd(Path.DirectorySeparatorChar)) ?? "..", Path.GetFileName(full))}), or add {relative} to .gitignore; --force writes it anyway.";
    }

    /// <summary>Throws a <see cref="InputException"/> with <see cref="Problem"/>'s reason, unless <paramref name="force"/>.</summary>
    public static void Ensure(string file, string what, bool force)
    {
        if (!force && Problem(file, what) is { } problem) throw new InputException(problem);
    }

    private static string NearestExistingFolder(string folder)
    {
        var current = folder;
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent) current = parent;
        return current;
    }
}
