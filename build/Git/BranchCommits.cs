using LibGit2Sharp;

namespace GitOps.Build.Git;

/// <summary>
/// A commit made without checking anything out: HEAD's tree with some files' contents replaced, written as blobs
/// and trees straight into the object database, the commit's parent HEAD, on a branch of its own. HEAD, the
/// index and the work tree are not touched, so a pull request can be prepared mid-edit and the operator's
/// branch stays exactly as it was. Reached through <see cref="IGitWorkingTree.CommitOnBranch"/>.
/// </summary>
internal static class BranchCommits
{
    /// <param name="files">Paths relative to the work tree's root, with '/', to their new bytes.</param>
    /// <exception cref="InvalidOperationException">No commit on HEAD, no identity, or the branch exists holding something else.</exception>
    public static string Commit(string root, string branch, IReadOnlyDictionary<string, byte[]> files, string message)
    {
        using var repo = new Repository(root);
        var head = repo.Head.Tip ?? throw new InvalidOperationException("the branch has no commit yet; commit the repository's content first.");
        var definition = TreeDefinition.From(head.Tree);
        foreach (var (path, bytes) in files)
        {
            using var stream = new MemoryStream(bytes);
            var blob = repo.ObjectDatabase.CreateBlob(stream, path);
            var mode = head[path]?.Mode is Mode.ExecutableFile ? Mode.ExecutableFile : Mode.NonExecutableFile;
            definition.Add(path, blob, mode);
        }
        var tree = repo.ObjectDatabase.CreateTree(definition);
        if (repo.Branches[branch] is { } existing)
        {
            // A second run of the same promotion: the branch already holds exactly this change on this HEAD.
            if (existing.Tip.Tree.Id == tree.Id && existing.Tip.Parents.Select(p => p.Sha).SequenceEqual([head.Sha])) return existing.Tip.Sha;
            throw new InvalidOperationException(
                $"the branch {branch} already exists (at {existing.Tip.Sha[..7]}) and holds something else than this promotion on {head.Sha[..7]}; "
                + $"look at it (git log {branch}), then delete it (git branch -D {branch}) and run again.");
        }
        var signature = repo.Config.BuildSignature(DateTimeOffset.Now)
            ?? throw new InvalidOperationException("git has no author identity; set it with git config user.name \"...\" and git config user.email \"...\".");
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: false);
        repo.Branches.Add(branch, commit);
        return commit.Sha;
    }
}
