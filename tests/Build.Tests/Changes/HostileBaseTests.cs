using GitOps.Build.Git;
using System.Diagnostics;
using GitOps.Build.Changes;
using GitOps.Build.IO;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// The base side of Diff and CI --since written from history a pull request can forge: symlinks that
/// point outside (absolute, climbing with ../, escaping through another link, a loop) and tree
/// entries git refuses to check out (<c>..</c>, <c>.</c>, <c>.git</c>, a backslash, a name twice),
/// made with <c>git mktree</c>. Nothing outside the repository is read, written or deleted: a folder
/// outside is snapshotted before and after, and its marker reaches no report.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileBaseTests
{
    /// <summary>A relative link target that climbs to / and then down to <paramref name="absolute"/>, from any depth.</summary>
    private static string Climb(string absolute) => string.Concat(Enumerable.Repeat("../", 40)) + absolute.TrimStart('/');

    [Fact]
    public void Links_on_the_base_side_are_neither_followed_nor_deleted_through()
    {
        using var outside = new OutsideFolder();
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello\n");
        Directory.CreateSymbolicLink(repo.Files.Path("victimlink"), outside.Root);
        Directory.CreateSymbolicLink(repo.Files.Path("climb"), Climb(outside.Root));
        File.CreateSymbolicLink(repo.Files.Path("envs/dev/linked.yaml"), Climb(outside.Path("values.yaml")));
        repo.Write("argocd/apps/linked-dev.yaml", RepoBuilder.Application("linked-dev", "charts/demo", ns: "linked",
            helm: "      valueFiles:\n        - ../../envs/dev/linked.yaml"));
        repo.Commit("base with links outside");
        foreach (var link in new[] { "victimlink", "climb", "envs/dev/linked.yaml" }) File.Delete(repo.Files.Path(link));
        repo.Write("envs/dev/linked.yaml", "greeting: now-a-file\n");
        repo.Write("envs/dev/demo.yaml", "greeting: changed\n");
        var before = outside.Snapshot();

        var (code, output) = repo.Diff("--base=HEAD");
        Assert.True(code == 0, output);
        Assert.Contains("demo-dev:changed", repo.TouchedUnits);
        outside.AssertUntouched(before, repo.Files.Path("artifacts"));

        (code, output) = repo.Run("--target=CI", "--since=HEAD");
        Assert.True(code == 0, output);
        outside.AssertUntouched(before, repo.Files.Path("artifacts"));
        Assert.DoesNotContain(outside.Marker, output);
    }

    [Fact]
    public void Only_links_that_resolve_inside_the_tree_are_written_as_links()
    {
        using var outside = new OutsideFolder();
        using var repo = new DiffRepository();
        repo.Write("x/y/z/file.yaml", "a: 1\n").Write("x/q/file.yaml", "b: 2\n");
        var links = new Dictionary<string, string>
        {
            ["x/y/z/same"] = "file.yaml",                 // beside it
            ["x/y/z/up"] = "../../q/file.yaml",           // up, still inside
            ["x/y/z/b"] = "../../q",                      // inside: x/q
            ["x/y/z/through"] = "b/../../..",             // lexically x/y, but b is x/q, so above the tree
            ["x/absolute"] = outside.Root,
            ["x/climb"] = Climb(outside.Root),
            ["x/loop1"] = "loop2",
            ["x/loop2"] = "loop1",
            ["x/dangling"] = "nowhere/inside",            // inside, missing: reading it fails as in a checkout
        };
        foreach (var (path, target) in links) File.CreateSymbolicLink(repo.Files.Path(path), target);
        var sha = repo.Commit("links");
        var git = GitWorkingTree.Open(repo.Root);
        var revision = git.Resolve(repo.Root, sha, "base");
        var scratch = Directory.CreateTempSubdirectory("tree-").FullName;
        var tree = Path.Combine(scratch, "tree");
        var before = outside.Snapshot();

        git.WriteTree(revision, tree);

        string TargetOf(string path) => new FileInfo(Path.Combine(tree, path)).LinkTarget!;
        var outOfBounds = Path.Combine(scratch, GitTreeWriter.OutOfBoundsName);
        foreach (var kept in new[] { "x/y/z/same", "x/y/z/up", "x/y/z/b", "x/dangling" }) Assert.Equal(links[kept], TargetOf(kept));
        foreach (var refused in new[] { "x/y/z/through", "x/absolute", "x/climb", "x/loop1", "x/loop2" }) Assert.Equal(outOfBounds, TargetOf(refused));
        Assert.Equal("b: 2\n", File.ReadAllText(Path.Combine(tree, "x/y/z/up")));
        Assert.False(RepoPath.IsInside(tree, Path.Combine(tree, "x/y/z/through")));
        Assert.True(FolderDelete.Tree(scratch));
        Assert.False(Directory.Exists(scratch));
        outside.AssertUntouched(before);
    }

    /// <summary>A folder outside, reached from the scratch tree by nested entries named "..": the path git mktree lets a tree spell.</summary>
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".git")]
    [InlineData(".GIT")]
    [InlineData("a\\b")]
    public void A_tree_entry_git_would_refuse_stops_the_diff_before_anything_is_written(string name)
    {
        using var outside = new OutsideFolder();
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello\n");
        var seed = repo.Commit("seed");
        // From <scratch root>/<diff-base-folder>/tree, climb to the outside folder: one ".." entry per level.
        var climb = Path.GetRelativePath(Path.Combine(ScratchFolder.Root, "diff-base-x", "tree"), outside.Root).Split('/');
        var payload = Git(repo.Root, "hash-object -w --stdin", "pwned: true\n");
        var inner = Git(repo.Root, "mktree", $"100644 blob {payload}\tpwned.yaml\n");
        if (name == "..")
        {
            foreach (var part in climb.Reverse()) inner = Git(repo.Root, "mktree", $"040000 tree {inner}\t{part}\n");
        }
        else
        {
            inner = Git(repo.Root, "mktree", $"040000 tree {inner}\t{name}\n");
        }
        var tree = Git(repo.Root, "ls-tree", null, $"{seed}^{{tree}}");
        var crafted = Git(repo.Root, "mktree", tree + "\n" + Git(repo.Root, "ls-tree", null, inner) + "\n");
        var commit = Git(repo.Root, "commit-tree", "crafted\n", crafted, "-p", seed);
        var before = outside.Snapshot();

        var (code, output) = repo.Diff($"--base={commit}");

        Assert.True(code == 1, output);
        Assert.Contains("cannot be written out: its tree entry", output);
        outside.AssertUntouched(before, repo.Files.Path("artifacts"));
        Assert.False(File.Exists(outside.Path("pwned.yaml")));
        Assert.False(File.Exists(Path.Combine(ScratchFolder.Root, "pwned.yaml")));
    }

    [Fact]
    public void A_name_twice_in_one_tree_is_refused()
    {
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello\n");
        var seed = repo.Commit("seed");
        var tree = Git(repo.Root, "ls-tree", null, $"{seed}^{{tree}}");
        var duplicate = tree.Split('\n').First(l => l.EndsWith("\t.gitignore", StringComparison.Ordinal));
        var crafted = Git(repo.Root, "mktree", tree + "\n" + duplicate + "\n");
        var commit = Git(repo.Root, "commit-tree", "crafted\n", crafted, "-p", seed);

        var (code, output) = repo.Diff($"--base={commit}");

        Assert.True(code == 1, output);
        Assert.Contains(".gitignore appears twice in its folder", output);
    }

    /// <summary>Runs git in <paramref name="root"/>; <paramref name="input"/> on its standard input; returns its output trimmed.</summary>
    private static string Git(string root, string command, string? input, params string[] more)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var part in command.Split(' ')) start.ArgumentList.Add(part);
        foreach (var part in more) start.ArgumentList.Add(part);
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Test Operator";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "operator@example.invalid";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {command}: {error.Result}");
        return output.Trim();
    }

    private static string Git(string root, string command, string input) => Git(root, command, input, []);
}
