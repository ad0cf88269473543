using GitOps.Build.Git;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

public sealed class GitWorkingTreeTests : IDisposable
{
    private readonly TempGitRepository _repo = new();

    public GitWorkingTreeTests()
    {
        _repo.Write("gitops/apps/a/values-dev.yaml", "image:\n  tag: develop\n");
        _repo.Write("README.md", "hi\n");
        _repo.CommitAll("initial");
    }

    public void Dispose() => _repo.Dispose();

    private GitWorkingTree Open(string? path = null) => GitWorkingTree.Open(path ?? _repo.Root);

    [Fact]
    public void Finds_the_root_from_a_sub_folder_and_lists_dirty_files()
    {
        var git = Open(_repo.PathOf("gitops/apps"));
        Assert.Equal(Path.GetFullPath(_repo.Root).TrimEnd('/'), Path.GetFullPath(git.Root).TrimEnd('/'));
        Assert.Empty(git.DirtyFiles());
        _repo.Write("README.md", "changed\n");
        _repo.Write("gitops/new.yaml", "x: 1\n");
        Assert.Equal(["README.md", "gitops/new.yaml"], git.DirtyFiles());
    }

    [Fact]
    public void Commits_only_the_given_file()
    {
        var git = Open();
        _repo.Write("gitops/apps/a/values-dev.yaml", "image:\n  tag: v1\n");
        var sha = git.CommitFiles([_repo.PathOf("gitops/apps/a/values-dev.yaml")], "promote a to dev: develop → v1\n\nTo-Env: dev\n");
        Assert.Equal(sha, _repo.Head().Sha);
        Assert.Equal("promote a to dev: develop → v1", _repo.Head().MessageShort);
        Assert.Equal("Test Operator", _repo.Head().AuthorName);
        Assert.Equal(["gitops/apps/a/values-dev.yaml"], _repo.HeadChanges().Files);
    }

    [Fact]
    public void Refuses_to_commit_when_something_else_is_staged()
    {
        var git = Open();
        _repo.Write("README.md", "other\n");
        using (var r = new Repository(_repo.Root)) Commands.Stage(r, "README.md");
        _repo.Write("gitops/apps/a/values-dev.yaml", "image:\n  tag: v1\n");
        var e = Assert.Throws<InvalidOperationException>(() => git.CommitFiles(["gitops/apps/a/values-dev.yaml"], "m"));
        Assert.Contains("README.md", e.Message);
        Assert.Equal(1, _repo.CommitCount());
    }

    [Fact]
    public void Creates_an_annotated_tag_and_pushes_branch_and_tag_to_the_remote()
    {
        var remotePath = Directory.CreateTempSubdirectory("promote-remote-").FullName;
        try
        {
            Repository.Init(remotePath, isBare: true);
            using (var r = new Repository(_repo.Root)) r.Network.Remotes.Add("origin", remotePath);
            var git = Open();
            git.CreateAnnotatedTag("a/dev/v1", "promote a to dev");
            git.Push("a/dev/v1");
            using var remote = new Repository(remotePath);
            var tag = remote.Tags["a/dev/v1"];
            Assert.True(tag.IsAnnotated);
            Assert.Equal("promote a to dev", tag.Annotation.Message.TrimEnd());
            Assert.Equal(_repo.Head().Sha, remote.Branches.Single().Tip.Sha);
        }
        finally
        {
            foreach (var f in Directory.EnumerateFiles(remotePath, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(remotePath, true);
        }
    }

    [Fact]
    public void Last_commit_changing_a_file()
    {
        var git = Open();
        _repo.Write("README.md", "later\n");
        _repo.CommitAll("docs only");
        var last = git.LastCommitChanging("gitops/apps/a/values-dev.yaml")!;
        Assert.Equal("initial", last.Subject);
        Assert.Equal(7, last.ShortSha.Length);
        Assert.Null(git.LastCommitChanging("nope.yaml"));
    }

    [Fact]
    public void Commits_several_files_and_only_those()
    {
        var git = Open();
        _repo.Write("gitops/apps/a/values-dev.yaml", "image:\n  tag: v2\n");
        _repo.Write("promotion-holds.yaml", "holds: []\n");
        git.CommitFiles([_repo.PathOf("gitops/apps/a/values-dev.yaml"), "promotion-holds.yaml"], "roll back a in dev");
        Assert.Equal(["gitops/apps/a/values-dev.yaml", "promotion-holds.yaml"], _repo.HeadChanges().Files.Order(StringComparer.Ordinal));
        Assert.Empty(git.DirtyFiles());
    }

    [Fact]
    public void A_commit_on_a_new_branch_touches_neither_HEAD_nor_the_index_nor_the_work_tree()
    {
        var git = Open();
        _repo.Write("notes.txt", "untracked, left alone\n");
        var before = _repo.State();
        var file = _repo.PathOf("gitops/apps/a/values-dev.yaml");
        var content = new Dictionary<string, byte[]> { [file] = "image:\n  tag: v9\n"u8.ToArray() };

        var sha = git.CommitOnBranch("promote/a/dev/v9", content, "promote a to dev: develop → v9\n");

        Assert.Equal(before, string.Join("\n", _repo.State().Split('\n').Where(l => !l.Contains("promote/a/dev/v9", StringComparison.Ordinal))));
        using (var repo = new Repository(_repo.Root))
        {
            var commit = repo.Branches["promote/a/dev/v9"].Tip;
            Assert.Equal(sha, commit.Sha);
            Assert.Equal([_repo.Head().Sha], commit.Parents.Select(p => p.Sha));
            Assert.Equal("image:\n  tag: v9\n", ((Blob)commit["gitops/apps/a/values-dev.yaml"].Target).GetContentText());
            Assert.Equal("hi\n", ((Blob)commit["README.md"].Target).GetContentText());
            Assert.Null(commit["notes.txt"]);
        }
        // The same change again reuses the branch; another change under the same name is refused.
        Assert.Equal(sha, git.CommitOnBranch("promote/a/dev/v9", content, "again\n"));
        var e = Assert.Throws<InvalidOperationException>(() =>
            git.CommitOnBranch("promote/a/dev/v9", new Dictionary<string, byte[]> { [file] = "image:\n  tag: v10\n"u8.ToArray() }, "other\n"));
        Assert.Contains("the branch promote/a/dev/v9 already exists", e.Message);
        Assert.Contains("git branch -D promote/a/dev/v9", e.Message);
    }

    [Fact]
    public void A_pull_request_needs_the_branch_to_be_what_its_upstream_holds()
    {
        var git = Open();
        Assert.Contains("--pull-request: this repository has no remote", Assert.Single(git.ProblemsBeforePullRequest(null)));
        _repo.AddRemote();
        Assert.Empty(git.ProblemsBeforePullRequest(null));
        _repo.Write("README.md", "local\n");
        var local = _repo.CommitAll("local only");
        var problem = Assert.Single(git.ProblemsBeforePullRequest(null));
        Assert.StartsWith("--pull-request: ", problem);
        Assert.Contains($"1 commit(s) not on origin/", problem);
        Assert.Contains(local[..7], problem);
        Assert.Contains("promote without --pull-request", problem);
    }

    [Fact]
    public void Files_are_what_the_next_commit_holds_tracked_and_untracked_but_not_ignored()
    {
        _repo.Write(".gitignore", "*.secret\nbuild/\n");
        _repo.Write("gitops/apps/b/config.json", "{}");
        _repo.CommitAll("more");
        _repo.Write("gitops/apps/c/new.yaml", "x: 1\n");      // untracked: the next commit takes it
        _repo.Write("gitops/apps/c/key.secret", "s");        // ignored
        _repo.Write("build/out.txt", "o");                   // in an ignored folder
        File.Delete(_repo.PathOf("README.md"));              // tracked, but gone from the working tree

        Assert.Equal([".gitignore", "gitops/apps/a/values-dev.yaml", "gitops/apps/b/config.json", "gitops/apps/c/new.yaml"], Open().Files());
    }

    [Fact]
    public void An_ApplicationSet_git_generator_sees_the_same_files()
    {
        _repo.Write(".gitignore", "ignored/\n");
        _repo.Write("ignored/apps/x/config.json", "{}");
        _repo.Write("gitops/apps/new/config.json", "{}");
        var tree = global::GitOps.Build.GitOps.ApplicationSets.WorkingTree.Read(_repo.Root);
        Assert.Equal([".gitignore", "README.md", "gitops/apps/a/values-dev.yaml", "gitops/apps/new/config.json"], tree.Files);
        Assert.Contains("gitops/apps/new", tree.Directories);
        Assert.DoesNotContain("ignored/apps/x", tree.Directories);
    }
}
