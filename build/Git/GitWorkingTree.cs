using LibGit2Sharp;
using Path = System.IO.Path;

namespace GitOps.Build.Git;

/// <summary>
/// <see cref="IGitWorkingTree"/> with LibGit2Sharp, the one way the build program reaches git: in
/// process, no git binary, no Cake alias. Staging, committing and tagging as git does; listing dirty
/// files and the files of the next commit; the last commit of one file; the checks before a
/// promotion commit (or a pull request), undoing a failed one, and pushing one branch plus one tag
/// to the configured remote; a commit on a new branch without a checkout (<see cref="BranchCommits"/>);
/// resolving revisions and writing a revision's tree out (see <see cref="GitRevisions"/>).
/// </summary>
public sealed class GitWorkingTree : IGitWorkingTree
{
    /// <summary>Environment variable holding a token for pushing over HTTPS (CI: the workflow token).
    /// Read only at push time and handed to libgit2 in process; never logged or put on a command line.</summary>
    public const string PushTokenVariable = "GIT_PUSH_TOKEN";

    private GitWorkingTree(string root) => Root = root;

    /// <summary>The working tree holding <paramref name="path"/> (any folder inside it).</summary>
    public static GitWorkingTree Open(string path) =>
        Find(path) ?? throw new InvalidOperationException($"{path} is not inside a git working tree; run 'git init' or clone the repository.");

    /// <summary>The working tree holding <paramref name="path"/>, or null when it is in none (or only in a bare repository).</summary>
    public static GitWorkingTree? Find(string path)
    {
        var gitDir = Repository.Discover(Path.GetFullPath(path));
        if (gitDir is null) return null;
        using var repo = new Repository(gitDir);
        return repo.Info.WorkingDirectory is { } root ? new GitWorkingTree(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root))) : null;
    }

    /// <summary>
    /// The working tree <paramref name="root"/> is in, for a target that needs history (<c>--base</c>, <c>--since</c>).
    /// </summary>
    /// <exception cref="Primitives.InputException">Not in a git working tree, or only in a bare repository.</exception>
    public static GitWorkingTree For(string root, string argument) =>
        Find(root) ?? throw new Primitives.InputException(
            $"--{argument}: {root} is not inside a git working tree; the diff needs git history (clone the repository, or run 'git init' and commit).");

    public string Root { get; }

    public IReadOnlyList<string> DirtyFiles()
    {
        using var repo = new Repository(Root);
        var status = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false });
        return status.Where(e => e.State != FileStatus.Unaltered && !e.State.HasFlag(FileStatus.Ignored))
            .Select(e => e.FilePath.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string CommitFiles(IReadOnlyList<string> files, string message)
    {
        var relative = files.Select(Relative).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var repo = new Repository(Root);
        Commands.Stage(repo, relative);
        var staged = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = false })
            .Where(e => e.State.HasFlag(FileStatus.NewInIndex) || e.State.HasFlag(FileStatus.ModifiedInIndex)
                     || e.State.HasFlag(FileStatus.DeletedFromIndex) || e.State.HasFlag(FileStatus.RenamedInIndex))
            .Select(e => e.FilePath.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (!staged.SequenceEqual(relative))
            throw new InvalidOperationException(
                $"refusing to commit: the index holds {(staged.Count == 0 ? "no change" : string.Join(", ", staged))}, expected only {string.Join(", ", relative)}.");
        var signature = SignatureOf(repo);
        return repo.Commit(message, signature, signature).Sha;
    }

    public string? CurrentBranch
    {
        get
        {
            using var repo = new Repository(Root);
            return repo.Info.IsHeadDetached || repo.Info.IsHeadUnborn ? null : repo.Head.FriendlyName;
        }
    }

    public string? Identity
    {
        get
        {
            using var repo = new Repository(Root);
            return repo.Config.BuildSignature(DateTimeOffset.Now) is { } s ? $"{s.Name} <{s.Email}>" : null;
        }
    }

    public string? RemoteUrl
    {
        get
        {
            using var repo = new Repository(Root);
            return PushRemote(repo) is { } remote ? remote.PushUrl ?? remote.Url : null;
        }
    }

    /// <summary>The current branch's remote, else origin; null when neither exists.</summary>
    private static Remote? PushRemote(Repository repo) =>
        (repo.Info.IsHeadDetached ? null : repo.Head.RemoteName) is { } name && repo.Network.Remotes[name] is { } tracked ? tracked : repo.Network.Remotes["origin"];

    public string CommitOnBranch(string branch, IReadOnlyDictionary<string, byte[]> files, string message) =>
        BranchCommits.Commit(Root, branch, files.ToDictionary(kv => Relative(kv.Key), kv => kv.Value), message);

    public IReadOnlyList<string> ProblemsBeforePullRequest(string? token)
    {
        using var repo = new Repository(Root);
        var problems = new List<string>();
        if (repo.Info.IsHeadDetached)
            problems.Add($"HEAD is detached (at {Short(repo.Head.Tip?.Sha)}), so there is no branch for the pull request to go into; check out that branch (e.g. git checkout main).");
        else if (repo.Info.IsHeadUnborn)
            problems.Add($"the branch {repo.Head.FriendlyName} has no commit yet; commit the repository's content first.");
        if (repo.Config.BuildSignature(DateTimeOffset.Now) is null) problems.Add(NoIdentity);
        if (!repo.Network.Remotes.Any())
            problems.Add("--pull-request: this repository has no remote; add one (git remote add origin <url>) and push the branch once (git push -u origin <branch>).");
        else if (!repo.Info.IsHeadDetached && !repo.Info.IsHeadUnborn)
            problems.AddRange(PushProblems(repo, null, "--pull-request", token));
        return problems;
    }

    public void PushBranch(string branch, string? token)
    {
        using var repo = new Repository(Root);
        var remote = PushRemote(repo) ?? throw new InvalidOperationException("this repository has no remote; add one with 'git remote add origin <url>'.");
        var reference = $"refs/heads/{branch}";
        PushReferences(repo, remote, [$"{reference}:{reference}"], reference, token);
    }

    public void CreateAnnotatedTag(string name, string message)
    {
        using var repo = new Repository(Root);
        repo.ApplyTag(name, SignatureOf(repo), message);
    }

    public string? HeadSha
    {
        get
        {
            using var repo = new Repository(Root);
            return repo.Head.Tip?.Sha;
        }
    }

    public IReadOnlyList<string> ProblemsBeforeCommit(bool push, string? tagName)
    {
        using var repo = new Repository(Root);
        var problems = new List<string>();
        var onBranch = false;
        if (repo.Info.IsHeadDetached)
            problems.Add($"HEAD is detached (at {Short(repo.Head.Tip?.Sha)}), so the promotion commit would be on no branch; check out the branch to promote on (e.g. git checkout main).");
        else if (repo.Info.IsHeadUnborn)
            problems.Add($"the branch {repo.Head.FriendlyName} has no commit yet; commit the repository's content first.");
        else
            onBranch = true;
        if (repo.Config.BuildSignature(DateTimeOffset.Now) is null) problems.Add(NoIdentity);
        if (tagName is not null && repo.Tags[tagName] is { } existing)
            problems.Add($"the tag {tagName} already exists (on {Short(existing.PeeledTarget?.Sha)}); delete it (git tag -d {tagName}) or promote without --git-tag.");
        if (push)
        {
            if (!repo.Network.Remotes.Any())
                problems.Add("--push: this repository has no remote; add one (git remote add origin <url>) and push the branch once (git push -u origin <branch>).");
            else if (onBranch)
                problems.AddRange(PushProblems(repo, tagName, "--push", Environment.GetEnvironmentVariable(PushTokenVariable)));
        }
        return problems;
    }

    /// <summary>The upstream must exist and hold exactly HEAD's parent history: then the push publishes the promotion and nothing else.</summary>
    private static IEnumerable<string> PushProblems(Repository repo, string? tagName, string argument, string? token)
    {
        var branch = repo.Head;
        var name = branch.FriendlyName;
        if (!branch.IsTracking || branch.RemoteName is null || branch.UpstreamBranchCanonicalName is null)
        {
            yield return $"{argument}: the branch {name} has no upstream, so there is no telling what the push would publish; set it (git push -u origin {name}, or git branch --set-upstream-to=origin/{name}).";
            yield break;
        }
        var remote = repo.Network.Remotes[branch.RemoteName];
        if (remote is null)
        {
            yield return $"{argument}: the upstream of {name} is on the remote '{branch.RemoteName}', which is not configured (git remote -v lists the remotes).";
            yield break;
        }
        var trackingRef = branch.TrackedBranch?.CanonicalName ?? $"refs/remotes/{remote.Name}/{branch.UpstreamBranchCanonicalName.Replace("refs/heads/", "")}";
        string? fetchError = null;
        try
        {
            Commands.Fetch(repo, remote.Name, [$"+{branch.UpstreamBranchCanonicalName}:{trackingRef}"], new FetchOptions
            {
                TagFetchMode = TagFetchMode.None,
                CredentialsProvider = PushCredentials.For(remote.Url, token),
            }, logMessage: null);
        }
        catch (LibGit2SharpException e)
        {
            fetchError = e.Message;
        }
        if (fetchError is not null)
        {
            yield return $"{argument}: could not fetch {branch.UpstreamBranchCanonicalName} from '{remote.Name}' to compare with it ({fetchError}); check the network and the credentials, or promote without {argument}.";
            yield break;
        }

        var upstream = repo.Branches[trackingRef]?.Tip;
        var upstreamName = $"{remote.Name}/{branch.UpstreamBranchCanonicalName.Replace("refs/heads/", "")}";
        if (upstream is null)
        {
            yield return $"{argument}: the upstream {upstreamName} does not exist on the remote; push the branch once yourself (git push -u {remote.Name} {name}).";
            yield break;
        }
        if (tagName is not null && RemoteHasTag(repo, remote, tagName))
            yield return $"{argument}: the remote '{remote.Name}' already has the tag {tagName}, so it would refuse this one; look at it (git fetch {remote.Name} tag {tagName}) before deciding, or promote without --git-tag.";
        var divergence = repo.ObjectDatabase.CalculateHistoryDivergence(branch.Tip, upstream);
        if (divergence.BehindBy is > 0)
            yield return $"{argument}: {name} is {divergence.BehindBy} commit(s) behind {upstreamName}; pull first (git pull --ff-only), then promote again.";
        if (divergence.AheadBy is > 0)
        {
            var unpushed = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = branch.Tip, ExcludeReachableFrom = upstream, SortBy = CommitSortStrategies.Topological })
                .Select(c => $"{Short(c.Sha)} {c.MessageShort}")
                .ToList();
            var listed = string.Join("; ", unpushed.Take(10)) + (unpushed.Count > 10 ? $"; and {unpushed.Count - 10} more" : "");
            yield return $"{argument}: {name} has {unpushed.Count} commit(s) not on {upstreamName}, which the push would publish together with the promotion: {listed}. "
                + $"Push or drop them first (git push, or git reset --hard {upstreamName}), or promote without {argument}.";
        }
    }

    private static bool RemoteHasTag(Repository repo, Remote remote, string tagName)
    {
        try
        {
            var credentials = PushCredentials.For(remote.Url, Environment.GetEnvironmentVariable(PushTokenVariable));
            var references = credentials is null ? repo.Network.ListReferences(remote) : repo.Network.ListReferences(remote, credentials);
            return references.Any(r => r.CanonicalName == $"refs/tags/{tagName}");
        }
        catch (LibGit2SharpException)
        {
            return false; // the fetch just reached the remote; if listing fails, the push will say why
        }
    }

    public void ResetTo(string sha, string? tagName = null)
    {
        using var repo = new Repository(Root);
        var target = repo.Lookup<Commit>(sha) ?? throw new InvalidOperationException($"commit {sha} not found.");
        if (tagName is not null && repo.Tags[tagName] is { } tag && tag.PeeledTarget?.Sha != sha) repo.Tags.Remove(tag);
        repo.Reset(ResetMode.Mixed, target);
    }

    public void Push(string? tagName = null)
    {
        using var repo = new Repository(Root);
        var branch = repo.Head;
        if (repo.Info.IsHeadDetached)
            throw new InvalidOperationException("HEAD is detached; check out the branch to push (e.g. git checkout main).");
        var remoteName = branch.RemoteName ?? (repo.Network.Remotes["origin"] is not null ? "origin" : null)
            ?? throw new InvalidOperationException($"branch {branch.FriendlyName} has no remote; add one with 'git remote add origin <url>'.");
        var target = branch.UpstreamBranchCanonicalName ?? branch.CanonicalName;
        var refSpecs = new List<string> { $"{branch.CanonicalName}:{target}" };
        if (tagName is not null) refSpecs.Add($"refs/tags/{tagName}:refs/tags/{tagName}");
        PushReferences(repo, repo.Network.Remotes[remoteName], refSpecs, target, Environment.GetEnvironmentVariable(PushTokenVariable));
    }

    /// <summary>Pushes <paramref name="refSpecs"/>; a rejection or a failure becomes a <see cref="GitPushException"/> (the branch's fate says whether it got through).</summary>
    private static void PushReferences(Repository repo, Remote remote, IReadOnlyList<string> refSpecs, string branchTarget, string? token)
    {
        var rejected = new List<(string Reference, string Message)>();
        var options = new PushOptions
        {
            OnPushStatusError = error => rejected.Add((error.Reference, error.Message)),
            CredentialsProvider = PushCredentials.For(remote.PushUrl ?? remote.Url, token),
        };
        try
        {
            repo.Network.Push(remote, refSpecs, options);
        }
        catch (LibGit2SharpException e)
        {
            throw new GitPushException(remote.Name, GitPushException.Classify(e.Message), e.Message);
        }
        if (rejected.Count > 0)
        {
            var detail = string.Join("; ", rejected.Select(r => $"{r.Reference}: {r.Message}"));
            var branchAccepted = rejected.All(r => r.Reference != branchTarget);
            throw new GitPushException(remote.Name, GitPushException.Classify(detail), detail, branchAccepted);
        }
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

    private static Signature SignatureOf(Repository repo) =>
        repo.Config.BuildSignature(DateTimeOffset.Now) ?? throw new InvalidOperationException(NoIdentity);

    public IReadOnlyList<string> Files()
    {
        using var repo = new Repository(Root);
        var tracked = repo.Index.Where(e => e.Mode != Mode.GitLink).Select(e => e.Path.Replace('\\', '/'));
        var untracked = repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false, ExcludeSubmodules = true })
            .Where(e => e.State.HasFlag(FileStatus.NewInWorkdir))
            .Select(e => e.FilePath.Replace('\\', '/'));
        return tracked.Concat(untracked).Where(f => File.Exists(Path.Combine(Root, f))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<GitRemote> Remotes()
    {
        using var repo = new Repository(Root);
        return repo.Network.Remotes
            .Where(r => !string.IsNullOrWhiteSpace(r.Url))
            .Select(r => new GitRemote(r.Name, r.Url))
            .OrderBy(r => r.Name == "origin" ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    public GitRevisions.Revision Resolve(string contentRoot, string? spec, string argument) => GitRevisions.Resolve(Root, contentRoot, spec, argument);

    public int WriteTree(GitRevisions.Revision revision, string folder, CancellationToken cancellationToken = default) =>
        GitTreeWriter.Write(revision, folder, cancellationToken);

    private const string NoIdentity = "git has no author identity; set it with git config user.name \"...\" and git config user.email \"...\".";

    private static string Short(string? sha) => sha is null ? "no commit" : sha[..Math.Min(7, sha.Length)];

    private string Relative(string file)
    {
        var full = Path.GetFullPath(file, Root);
        if (!IO.RepoPath.IsUnder(Root, full))
            throw new ArgumentException($"{file} is outside the working tree {Root}.", nameof(file));
        return IO.RepoPath.Relative(Root, full);
    }
}
