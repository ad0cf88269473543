using GitOps.Build.Primitives;
using LibGit2Sharp;

namespace GitOps.Build.Git;

/// <summary>
/// The revisions a diff compares the working tree with, read from git with LibGit2Sharp only:
/// nothing here checks out, stages, moves HEAD or creates a branch, so the operator's working
/// tree, index and branches are exactly as they were (a diff must be safe to run mid-edit).
/// Reached through <see cref="IGitWorkingTree"/>.
/// </summary>
public static class GitRevisions
{
    /// <summary>The remote-tracking refs that name the default branch, most telling first.</summary>
    public static readonly string[] DefaultBranchRefs = ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master"];

    /// <summary>A resolved revision: the commit, and the path of the repository root inside its tree.</summary>
    public sealed record Revision(string Sha, string Label, string GitRoot, string PathInTree);

    /// <summary>
    /// <paramref name="spec"/> (any revision git understands: a branch, tag, sha, origin/main, HEAD~2) as a commit;
    /// without one, the merge-base of HEAD with the default branch's remote-tracking ref.
    /// </summary>
    /// <param name="gitRoot">The working tree's root.</param>
    /// <param name="root">The repository content's root: <paramref name="gitRoot"/> or a folder in it.</param>
    /// <param name="argument">The argument's name for messages (base, since).</param>
    /// <exception cref="InputException">An unknown revision, or no default branch to start from.</exception>
    internal static Revision Resolve(string gitRoot, string root, string? spec, string argument)
    {
        using var repo = new Repository(gitRoot);
        var inTree = Path.GetRelativePath(IO.RepoPath.RealPath(gitRoot), IO.RepoPath.RealPath(root)).Replace('\\', '/');
        if (inTree == ".") inTree = "";
        if (inTree.StartsWith("..", StringComparison.Ordinal))
            throw new InputException($"--{argument}: {root} is not inside the git working tree {gitRoot}.");
        if (spec is { Length: > 0 })
        {
            var commit = Lookup(repo, spec)
                ?? throw new InputException($"--{argument}={spec}: no such revision in {gitRoot}; give a branch, tag or commit (git fetch first if it is a remote branch, e.g. origin/main).");
            return new Revision(commit.Sha, spec, gitRoot, inTree);
        }
        var head = repo.Head.Tip
            ?? throw new InputException($"--{argument}: {gitRoot} has no commit yet; commit first, or give --{argument}=<ref>.");
        foreach (var name in DefaultBranchRefs)
        {
            if (Lookup(repo, name) is not { } tip) continue;
            var mergeBase = repo.ObjectDatabase.FindMergeBase(head, tip)
                ?? throw new InputException($"--{argument}: HEAD and {name} share no history; give --{argument}=<ref>.");
            return new Revision(mergeBase.Sha, $"merge-base of HEAD and {name["refs/remotes/".Length..]}", gitRoot, inTree);
        }
        throw new InputException($"--{argument}: no default branch to compare with ({string.Join(", ", DefaultBranchRefs.Select(r => r["refs/remotes/".Length..]))} not found); " +
                                 $"give --{argument}=<ref>, e.g. --{argument}=main or --{argument}=origin/main after git fetch.");
    }

    private static Commit? Lookup(Repository repo, string spec)
    {
        try { return repo.Lookup(spec)?.Peel<Commit>(); }
        catch (LibGit2SharpException) { return null; } // an invalid or ambiguous spec is unknown to the operator too
        catch (ArgumentException) { return null; }
    }
}
