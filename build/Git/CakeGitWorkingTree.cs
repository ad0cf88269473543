using Cake.Core;
using Cake.Core.IO;
using Cake.Git;
using LibGit2Sharp;
using Path = System.IO.Path;

namespace GitOps.Build.Git;

/// <summary>
/// <see cref="IGitWorkingTree"/> through Cake.Git's aliases (add, commit, annotated tag, finding the root),
/// and LibGit2Sharp directly for what Cake.Git has no alias for: listing dirty files, the last commit
/// of one file, and pushing one branch plus one tag to the configured remote (Cake.Git's unauthenticated
/// push sends every branch).
/// </summary>
public sealed class CakeGitWorkingTree : IGitWorkingTree
{
    /// <summary>Environment variable holding a token for pushing over HTTPS (CI: the workflow token).
    /// Read only at push time and handed to libgit2 in process; never logged or put on a command line.</summary>
    public const string PushTokenVariable = "GIT_PUSH_TOKEN";

    private readonly ICakeContext _context;
    private readonly DirectoryPath _root;

    private CakeGitWorkingTree(ICakeContext context, DirectoryPath root)
    {
        _context = context;
        _root = root;
    }

    /// <summary>The working tree holding <paramref name="path"/> (any folder inside it).</summary>
    public static CakeGitWorkingTree Open(ICakeContext context, string path)
    {
        var start = new DirectoryPath(Path.GetFullPath(path));
        if (!context.GitIsValidRepository(start) && Repository.Discover(start.FullPath) is null)
            throw new InvalidOperationException($"{path} is not inside a git working tree; run 'git init' or clone the repository.");
        var root = context.GitFindRootFromPath(start);
        return new CakeGitWorkingTree(context, root);
    }

    public string Root => _root.FullPath;

    public IReadOnlyList<string> DirtyFiles()
    {
        using var repo = new Repository(Root);
        var status = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false });
        return status.Where(e => e.State != FileStatus.Unaltered && !e.State.HasFlag(FileStatus.Ignored))
            .Select(e => e.FilePath.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string CommitFile(string file, string message)
    {
        var relative = Relative(file);
        _context.GitAdd(_root, new FilePath(Path.Combine(Root, relative)));
        using (var repo = new Repository(Root))
        {
            var staged = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = false })
                .Where(e => e.State.HasFlag(FileStatus.NewInIndex) || e.State.HasFlag(FileStatus.ModifiedInIndex)
                         || e.State.HasFlag(FileStatus.DeletedFromIndex) || e.State.HasFlag(FileStatus.RenamedInIndex))
                .Select(e => e.FilePath.Replace('\\', '/'))
                .ToList();
            if (staged.Count != 1 || staged[0] != relative)
                throw new InvalidOperationException(
                    $"refusing to commit: the index holds {(staged.Count == 0 ? "no change" : string.Join(", ", staged))}, expected only {relative}.");
        }
        var (name, email) = Identity();
        return _context.GitCommit(_root, name, email, message).Sha;
    }

    public void CreateAnnotatedTag(string name, string message)
    {
        var (who, email) = Identity();
        _context.GitTag(_root, name, who, email, message);
    }

    public void Push(string? tagName = null)
    {
        using var repo = new Repository(Root);
        var branch = repo.Head;
        if (branch.IsTracking is false && repo.Info.IsHeadDetached)
            throw new InvalidOperationException("HEAD is detached; check out the branch to push (e.g. git checkout main).");
        var remoteName = branch.RemoteName ?? (repo.Network.Remotes["origin"] is not null ? "origin" : null)
            ?? throw new InvalidOperationException($"branch {branch.FriendlyName} has no remote; add one with 'git remote add origin <url>'.");
        var remote = repo.Network.Remotes[remoteName];
        var target = branch.UpstreamBranchCanonicalName ?? branch.CanonicalName;
        var refSpecs = new List<string> { $"{branch.CanonicalName}:{target}" };
        if (tagName is not null) refSpecs.Add($"refs/tags/{tagName}:refs/tags/{tagName}");

        string? rejected = null;
        var options = new PushOptions
        {
            OnPushStatusError = error => rejected = $"{error.Reference}: {error.Message}",
        };
        var token = Environment.GetEnvironmentVariable(PushTokenVariable);
        if (!string.IsNullOrEmpty(token))
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token };
        repo.Network.Push(remote, refSpecs, options);
        if (rejected is not null)
            throw new InvalidOperationException($"the remote '{remoteName}' rejected {rejected}. Pull, re-run the promotion, and push again.");
    }

    public GitCommitSummary? LastCommitChanging(string file) => FileHistory(file).FirstOrDefault()?.Commit;

    public IEnumerable<GitFileVersion> FileHistory(string file)
    {
        // A first-parent walk comparing the file's blob with the parent's: what `git log --first-parent -- file`
        // shows. (LibGit2Sharp's Commits.QueryBy(path) throws KeyNotFoundException on some histories.)
        var relative = Relative(file);
        using var repo = new Repository(Root);
        if (repo.Head.Tip is null) yield break;
        var filter = new CommitFilter { IncludeReachableFrom = repo.Head, FirstParentOnly = true, SortBy = CommitSortStrategies.Topological };
        foreach (var commit in repo.Commits.QueryBy(filter))
        {
            var blob = commit[relative]?.Target as Blob;
            var parentBlob = commit.Parents.FirstOrDefault()?[relative]?.Target as Blob;
            if (blob?.Id == parentBlob?.Id) continue;
            var summary = new GitCommitSummary(commit.Sha, commit.Committer.When, commit.MessageShort);
            yield return new GitFileVersion(summary, blob?.GetContentText() ?? "");
        }
    }

    private (string Name, string Email) Identity()
    {
        using var repo = new Repository(Root);
        var signature = repo.Config.BuildSignature(DateTimeOffset.Now)
            ?? throw new InvalidOperationException("git has no author identity; set it with git config user.name \"...\" and git config user.email \"...\".");
        return (signature.Name, signature.Email);
    }

    private string Relative(string file)
    {
        var full = Path.GetFullPath(file, Root);
        if (!IO.RepoPath.IsUnder(Root, full))
            throw new ArgumentException($"{file} is outside the working tree {Root}.", nameof(file));
        return IO.RepoPath.Relative(Root, full);
    }
}
