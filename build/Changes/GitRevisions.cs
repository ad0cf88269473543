using GitOps.Build.Primitives;
using LibGit2Sharp;

namespace GitOps.Build.Changes;

/// <summary>
/// The revisions a diff compares the working tree with, read from git with LibGit2Sharp only:
/// nothing here checks out, stages, moves HEAD or creates a branch, so the operator's working
/// tree, index and branches are exactly as they were (a diff must be safe to run mid-edit).
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
    /// <param name="argument">The argument's name for messages (base, since).</param>
    /// <exception cref="InputException">Not a git working tree, an unknown revision, or no default branch to start from.</exception>
    public static Revision Resolve(string root, string? spec, string argument)
    {
        var gitDir = Repository.Discover(root)
            ?? throw new InputException($"--{argument}: {root} is not inside a git working tree; the diff needs git history (clone the repository, or run 'git init' and commit).");
        using var repo = new Repository(gitDir);
        var gitRoot = repo.Info.WorkingDirectory ?? throw new InputException($"--{argument}: {gitDir} is a bare repository; run in a working tree.");
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

    /// <summary>
    /// Writes the files of <paramref name="revision"/>'s tree under the repository root into
    /// <paramref name="folder"/> (blobs read from the object database: no checkout, no index).
    /// Returns how many files were written.
    /// </summary>
    public static int WriteTree(Revision revision, string folder, CancellationToken cancellationToken = default)
    {
        var files = new List<(string Path, byte[] Content, Mode Mode)>();
        using (var repo = new Repository(revision.GitRoot))
        {
            var commit = repo.Lookup<Commit>(revision.Sha);
            var tree = revision.PathInTree.Length == 0 ? commit.Tree : commit[revision.PathInTree]?.Target as Tree;
            Directory.CreateDirectory(folder);
            if (tree is not null) Collect(tree, folder, files, cancellationToken);
        }
        // Blobs are read one by one (one repository handle), files written in parallel: creating a few
        // hundred files one after another waits on the file system for each, in parallel the waits overlap.
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, file =>
        {
            if (file.Mode == Mode.SymbolicLink)
            {
                // As git checks it out; the loader's path checks refuse one that leaves the root, as in the working tree.
                File.CreateSymbolicLink(file.Path, System.Text.Encoding.UTF8.GetString(file.Content));
                return;
            }
            File.WriteAllBytes(file.Path, file.Content);
            if (file.Mode == Mode.ExecutableFile && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(file.Path, File.GetUnixFileMode(file.Path) | UnixFileMode.UserExecute);
        });
        return files.Count;
    }

    private static void Collect(Tree tree, string folder, List<(string, byte[], Mode)> files, CancellationToken cancellationToken)
    {
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path);
                    Collect((Tree)entry.Target, path, files, cancellationToken);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile or Mode.ExecutableFile or Mode.SymbolicLink:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var bytes = new MemoryStream())
                    {
                        content.CopyTo(bytes);
                        files.Add((path, bytes.ToArray(), entry.Mode));
                    }
                    break;
                // Submodules (GitLink) have no content in this repository's object database.
            }
        }
    }
}
