using GitOps.Build.Git;
using GitOps.Build.Promotion;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote against git states it must not commit or push into: each is refused before any edit (or undone),
/// and the repository — HEAD, refs and tags, index, working tree, the remote's refs — is left exactly as it was.
/// </summary>
public sealed class PromoterGitSafetyTests : IDisposable
{
    private const string App = PromotionFixture.App;
    private const string Tag = $"{App}/staging/v1.2.0";
    private readonly PromotionFixture _fx = new(dev: "v1.2.0");

    public void Dispose() => _fx.Dispose();

    private PromotionResult AssertRefusedUntouched(string fragment, bool push = true, bool gitTag = true, bool withRemoteTracking = true)
    {
        var before = _fx.Repo.State(withRemoteTracking);
        var result = _fx.Promote(new(App, "staging"), gitTag: gitTag, push: push);
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(fragment, result.Message);
        Assert.Contains("Nothing was changed", result.Message);
        Assert.Empty(_fx.Validated); // refused before the (slow) validation, and before any edit
        Assert.Equal(before, _fx.Repo.State(withRemoteTracking));
        return result;
    }

    [Fact]
    public void Push_with_another_unpushed_commit_is_refused_listing_it()
    {
        _fx.Repo.AddRemote();
        _fx.Repo.Write("README.md", "local notes\n");
        var unpushed = _fx.Repo.CommitAll("wip: local notes");

        var result = AssertRefusedUntouched("1 commit(s) not on origin/");

        Assert.Contains($"{unpushed[..7]} wip: local notes", result.Message);
        Assert.Contains("promote without --push", result.Message);
    }

    [Fact]
    public void Push_behind_the_upstream_is_refused_naming_the_count()
    {
        _fx.Repo.AddRemote();
        _fx.Repo.PushFromAnotherClone("README.md", "one\n", "docs: one");
        _fx.Repo.PushFromAnotherClone("README.md", "two\n", "docs: two");

        // The check fetches the upstream (as git fetch does), so only refs/remotes/ may move, to the remote's tip.
        AssertRefusedUntouched("2 commit(s) behind origin/", withRemoteTracking: false);

        using var repo = new Repository(_fx.Repo.Root);
        using var remote = new Repository(_fx.Repo.RemotePath!);
        Assert.Equal(remote.Head.Tip.Sha, repo.Head.TrackedBranch.Tip.Sha);
        Assert.Empty(repo.Tags);
        var result = _fx.Promote(new(App, "staging"), push: true);
        Assert.Contains("pull first", result.Message);
    }

    [Fact]
    public void Push_without_an_upstream_or_a_remote_is_refused()
    {
        AssertRefusedUntouched("has no remote");
        using (var repo = new Repository(_fx.Repo.Root)) repo.Network.Remotes.Add("origin", Path.Combine(_fx.Repo.Root, "nowhere"));
        AssertRefusedUntouched("has no upstream");
    }

    [Fact]
    public void A_detached_head_is_refused_even_without_push()
    {
        using (var repo = new Repository(_fx.Repo.Root)) Commands.Checkout(repo, repo.Head.Tip);
        AssertRefusedUntouched("HEAD is detached", push: false);
    }

    [Fact]
    public void A_tag_that_already_exists_is_refused()
    {
        using (var repo = new Repository(_fx.Repo.Root)) repo.ApplyTag(Tag);
        AssertRefusedUntouched($"the tag {Tag} already exists", push: false);
    }

    [Fact]
    public void Push_with_a_tag_the_remote_already_has_is_refused()
    {
        var remotePath = _fx.Repo.AddRemote();
        using (var remote = new Repository(remotePath)) remote.ApplyTag(Tag); // someone else's, on the initial commit
        AssertRefusedUntouched($"the remote 'origin' already has the tag {Tag}");
    }

    [Fact]
    public void Several_problems_are_listed_together()
    {
        using (var repo = new Repository(_fx.Repo.Root))
        {
            repo.ApplyTag(Tag);
            Commands.Checkout(repo, repo.Head.Tip);
        }
        var result = AssertRefusedUntouched("2 problems with git", push: false);
        Assert.Equal(2, result.Problems!.Count);
    }

    [Fact]
    public void A_rejected_push_says_what_is_left_locally_and_how_to_undo_it()
    {
        var remotePath = _fx.Repo.AddRemote();
        var before = _fx.Repo.State();
        string remoteBefore;
        using (var remote = new Repository(remotePath)) remoteBefore = remote.Head.Tip.Sha;
        // Someone pushes after the checks and before the push: the remote refuses it (not a fast-forward).
        string? raced = null;
        _fx.Validator = (_, _) =>
        {
            _fx.Repo.PushFromAnotherClone("README.md", "raced\n", "docs: raced");
            using var remote = new Repository(remotePath);
            raced = remote.Head.Tip.Sha;
            return ValidationOutcome.Success;
        };

        var result = _fx.Promote(new(App, "staging"), gitTag: true, push: true);

        Assert.Equal(PromotionOutcome.PushFailed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        var sha = result.CommitSha!;
        Assert.Contains($"committed {sha[..7]} locally, but the push failed", result.Message);
        Assert.Contains("has commits this clone does not have", result.Message);
        Assert.Contains("Nothing reached the remote", result.Message);
        Assert.Contains($"Left locally: the commit {sha[..7]} and the tag {Tag}", result.Message);
        Assert.Contains($"git reset --hard HEAD~1 and git tag -d {Tag}", result.Message);
        Assert.Contains("git pull --ff-only", result.Message);
        Assert.NotNull(Assert.Single(result.Problems!)); // libgit2's own words, shown as detail only
        using (var remote = new Repository(remotePath))
        {
            Assert.Equal(raced, remote.Head.Tip.Sha);
            Assert.Null(remote.Tags[Tag]);
            Assert.NotEqual(remoteBefore, raced);
        }

        // Following the advice puts the clone back exactly as it was (the remote only has the other person's commit).
        using (var repo = new Repository(_fx.Repo.Root))
        {
            Assert.Equal(sha, repo.Head.Tip.Sha);
            repo.Reset(ResetMode.Hard, repo.Head.Tip.Parents.Single());
            repo.Tags.Remove(Tag);
        }
        var after = _fx.Repo.State().Split('\n').Where(l => !l.StartsWith("remote ", StringComparison.Ordinal));
        Assert.Equal(before.Split('\n').Where(l => !l.StartsWith("remote ", StringComparison.Ordinal)), after);
    }

    [Fact]
    public void A_failing_commit_after_staging_restores_the_file_and_the_index()
    {
        var before = _fx.Repo.State();
        var git = new FailingGit(_fx.Git) { FailCommitAfterStaging = true };

        var e = Assert.Throws<InvalidOperationException>(() => Promoter(git).Promote(new PromoteOptions(new(App, "staging"))));

        Assert.Contains("commit failed", e.Message);
        Assert.Contains("Nothing was changed", e.Message);
        Assert.Equal(before, _fx.Repo.State());
        Assert.Empty(_fx.Git.DirtyFiles());
    }

    [Fact]
    public void A_failing_tag_after_the_commit_restores_the_branch_the_file_and_the_index()
    {
        var before = _fx.Repo.State();
        var git = new FailingGit(_fx.Git) { FailTag = true };

        var e = Assert.Throws<InvalidOperationException>(() => Promoter(git).Promote(new PromoteOptions(new(App, "staging"), CreateGitTag: true)));

        Assert.Contains("tag failed", e.Message);
        Assert.Equal(before, _fx.Repo.State());
    }

    [Fact]
    public void When_the_undo_fails_too_the_message_says_what_is_left_to_undo_by_hand()
    {
        var head = _fx.Repo.Head().Sha;
        var staging = File.ReadAllBytes(_fx.Repo.PathOf(PromotionFixture.ValuesOf("staging")));
        var git = new FailingGit(_fx.Git) { FailCommitAfterStaging = true, FailReset = true };

        var e = Assert.Throws<InvalidOperationException>(() => Promoter(git).Promote(new PromoteOptions(new(App, "staging"))));

        Assert.Contains("the index and HEAD could not be put back (index is locked (simulated))", e.Message);
        Assert.Contains($"git reset --mixed {head[..7]}", e.Message);
        Assert.Equal(staging, File.ReadAllBytes(_fx.Repo.PathOf(PromotionFixture.ValuesOf("staging"))));
    }

    private Promoter Promoter(IGitWorkingTree git) => _fx.Promoter(git);

    /// <summary>The real working tree, failing on demand where a disk, a hook or a lock could make git fail.</summary>
    private sealed class FailingGit(IGitWorkingTree real) : IGitWorkingTree
    {
        public bool FailCommitAfterStaging { get; init; }
        public bool FailTag { get; init; }
        public bool FailReset { get; init; }

        public string Root => real.Root;
        public string? HeadSha => real.HeadSha;
        public IReadOnlyList<string> DirtyFiles() => real.DirtyFiles();
        public IReadOnlyList<string> ProblemsBeforeCommit(bool push, string? tagName) => real.ProblemsBeforeCommit(push, tagName);
        public void ResetTo(string sha, string? tagName = null)
        {
            if (FailReset) throw new InvalidOperationException("index is locked (simulated)");
            real.ResetTo(sha, tagName);
        }
        public void Push(string? tagName = null) => real.Push(tagName);
        public GitCommitSummary? LastCommitChanging(string file) => real.LastCommitChanging(file);
        public IEnumerable<GitFileVersion> FileHistory(string file) => real.FileHistory(file);
        public IReadOnlyList<string> Files() => real.Files();
        public IReadOnlyList<GitRemote> Remotes() => real.Remotes();
        public GitRevisions.Revision Resolve(string contentRoot, string? spec, string argument) => real.Resolve(contentRoot, spec, argument);
        public int WriteTree(GitRevisions.Revision revision, string folder, CancellationToken cancellationToken = default) => real.WriteTree(revision, folder, cancellationToken);

        public string CommitFiles(IReadOnlyList<string> files, string message)
        {
            if (!FailCommitAfterStaging) return real.CommitFiles(files, message);
            using var repo = new Repository(Root);
            Commands.Stage(repo, files.Select(f => Path.GetRelativePath(Root, f)));
            throw new InvalidOperationException("commit failed (simulated).");
        }

        public string? CurrentBranch => real.CurrentBranch;
        public string? Identity => real.Identity;
        public string? RemoteUrl => real.RemoteUrl;
        public string CommitOnBranch(string branch, IReadOnlyDictionary<string, byte[]> files, string message) => real.CommitOnBranch(branch, files, message);
        public IReadOnlyList<string> ProblemsBeforePullRequest(string? token) => real.ProblemsBeforePullRequest(token);
        public void PushBranch(string branch, string? token) => real.PushBranch(branch, token);

        public void CreateAnnotatedTag(string name, string message)
        {
            if (FailTag) throw new InvalidOperationException("tag failed (simulated).");
            real.CreateAnnotatedTag(name, message);
        }
    }
}

/// <summary>Points libgit2's global, XDG and system config at an empty folder (this machine's ~/.gitconfig may well have an identity).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedGitConfig
{
    public const string Name = "isolated git config";
}

[Collection(IsolatedGitConfig.Name)]
public sealed class PromoterWithoutIdentityTests
{
    [Fact]
    public void No_git_identity_is_refused_before_any_edit()
    {
        var levels = new[] { ConfigurationLevel.Global, ConfigurationLevel.Xdg, ConfigurationLevel.System };
        var saved = levels.ToDictionary(l => l, GlobalSettings.GetConfigSearchPaths);
        var empty = Directory.CreateTempSubdirectory("git-config-empty-").FullName;
        try
        {
            foreach (var level in levels) GlobalSettings.SetConfigSearchPaths(level, empty);
            using var fx = new PromotionFixture(dev: "v1.2.0");
            using (var repo = new Repository(fx.Repo.Root))
            {
                repo.Config.Unset("user.name", ConfigurationLevel.Local);
                repo.Config.Unset("user.email", ConfigurationLevel.Local);
            }
            var before = fx.Repo.State();

            var result = fx.Promote(new(PromotionFixture.App, "staging"));

            Assert.Equal(PromotionOutcome.Refused, result.Outcome);
            Assert.Contains("git has no author identity", result.Message);
            Assert.Contains("git config user.name", result.Message);
            Assert.Empty(fx.Validated);
            Assert.Equal(before, fx.Repo.State());
        }
        finally
        {
            foreach (var (level, paths) in saved) GlobalSettings.SetConfigSearchPaths(level, [.. paths]);
            Directory.Delete(empty, recursive: true);
        }
    }
}
