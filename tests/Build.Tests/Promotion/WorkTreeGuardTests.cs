using GitOps.Build.Git;
using GitOps.Build.Primitives;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

public sealed class WorkTreeGuardTests : IDisposable
{
    private const string What = "the controller's private keys";
    private readonly TempGitRepository _repo = new();
    private readonly string _outside = Directory.CreateTempSubdirectory("guard-outside-").FullName;

    public WorkTreeGuardTests()
    {
        _repo.Write(".gitignore", "secrets/\n*.keys.yaml\n");
        _repo.Write("gitops/values.yaml", "a: 1\n");
        _repo.CommitAll("initial");
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void Outside_any_work_tree_is_fine() => Assert.Null(WorkTreeGuard.Problem(Path.Combine(_outside, "keys.yaml"), What));

    [Fact]
    public void Inside_and_not_ignored_is_refused_saying_why_and_how()
    {
        var problem = WorkTreeGuard.Problem(_repo.PathOf("gitops/keys.yaml"), What);
        Assert.NotNull(problem);
        Assert.Contains("gitops/keys.yaml in the git work tree", problem);
        Assert.Contains("is not ignored by git", problem);
        Assert.Contains("the controller's private keys", problem);
        Assert.Contains("git add -A", problem);
        Assert.Contains("Write it outside the repository", problem);
        Assert.Contains("add gitops/keys.yaml to .gitignore", problem);
        Assert.Contains("--force", problem);
    }

    [Fact]
    public void A_folder_that_does_not_exist_yet_is_judged_all_the_same()
    {
        Assert.NotNull(WorkTreeGuard.Problem(_repo.PathOf("backups/2026/keys.yaml"), What));
        Assert.Null(WorkTreeGuard.Problem(_repo.PathOf("secrets/2026/keys.yaml"), What));
    }

    [Fact]
    public void Ignored_by_git_is_fine() => Assert.Null(WorkTreeGuard.Problem(_repo.PathOf("gitops/prod.keys.yaml"), What));

    [Fact]
    public void A_tracked_file_is_refused_even_when_a_pattern_ignores_it()
    {
        _repo.Write("gitops/old.keys.yaml", "tracked by mistake\n");
        using (var repo = new Repository(_repo.Root))
        {
            repo.Index.Add("gitops/old.keys.yaml"); // git add -f
            repo.Index.Write();
        }
        var problem = WorkTreeGuard.Problem(_repo.PathOf("gitops/old.keys.yaml"), What);
        Assert.NotNull(problem);
        Assert.Contains("is a file git tracks", problem);
    }

    [Fact]
    public void A_symlinked_folder_into_the_work_tree_is_followed()
    {
        var link = Path.Combine(_outside, "link");
        Directory.CreateSymbolicLink(link, _repo.PathOf("gitops"));
        Assert.NotNull(WorkTreeGuard.Problem(Path.Combine(link, "keys.yaml"), What));
    }

    [Fact]
    public void Inside_the_git_folder_is_not_the_work_tree() => Assert.Null(WorkTreeGuard.Problem(_repo.PathOf(".git/keys.yaml"), What));

    [Fact]
    public void Ensure_throws_a_usage_error_unless_forced()
    {
        var file = _repo.PathOf("keys.yaml");
        Assert.Throws<InputException>(() => WorkTreeGuard.Ensure(file, What, force: false));
        WorkTreeGuard.Ensure(file, What, force: true);
        WorkTreeGuard.Ensure(Path.Combine(_outside, "keys.yaml"), What, force: false);
    }
}
