using GitOps.Build.Git;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Opt-in, against the real GitHub: set GITOPS_BUILD_GITHUB_TEST_TOKEN (a token that may push to and open pull requests in
/// a scratch repository) and GITOPS_BUILD_GITHUB_TEST_REPO (owner/name of that repository, with a branch main). It opens a
/// pull request from a new branch it pushes, checks that a second open is reported as the same one, and closes nothing
/// (look at the scratch repository afterwards). Skipped otherwise: the stand-in (<see cref="HostingApiStandIn"/>) covers CI.
/// </summary>
public sealed class GitHubPullRequestLiveTests
{
    private static readonly string? Token = Environment.GetEnvironmentVariable("GITOPS_BUILD_GITHUB_TEST_TOKEN");
    private static readonly string? Repository = Environment.GetEnvironmentVariable("GITOPS_BUILD_GITHUB_TEST_REPO");

    public sealed class LiveGitHubFactAttribute : FactAttribute
    {
        public LiveGitHubFactAttribute()
        {
            if (string.IsNullOrEmpty(Token) || string.IsNullOrEmpty(Repository))
                Skip = "Real-GitHub test: set GITOPS_BUILD_GITHUB_TEST_TOKEN and GITOPS_BUILD_GITHUB_TEST_REPO=owner/name (a scratch repository) to run it.";
        }
    }

    [LiveGitHubFact]
    public void Opens_a_pull_request_and_a_second_open_finds_it()
    {
        var parts = Repository!.Split('/');
        using var repo = new TempGitRepository();
        repo.Write("promotion-test.txt", $"opened by the build program's live test at {DateTimeOffset.UtcNow:O}\n");
        repo.CommitAll("live pull-request test");
        using (var git = new LibGit2Sharp.Repository(repo.Root))
        {
            var remote = git.Network.Remotes.Add("origin", $"https://github.com/{Repository}.git");
            var branch = $"gitops-build-live-{Guid.NewGuid():N}";
            // Unrelated history is refused by GitHub as a pull request's head; start from the scratch repository's main instead.
            LibGit2Sharp.Commands.Fetch(git, "origin", ["+refs/heads/main:refs/remotes/origin/main"],
                new LibGit2Sharp.FetchOptions { CredentialsProvider = PushCredentials.For(remote.Url, Token) }, null);
            var main = git.Branches["origin/main"].Tip;
            var tree = LibGit2Sharp.TreeDefinition.From(main.Tree);
            tree.Add("promotion-test.txt", git.ObjectDatabase.CreateBlob(new MemoryStream("live\n"u8.ToArray())), LibGit2Sharp.Mode.NonExecutableFile);
            var who = new LibGit2Sharp.Signature("gitops-build live test", "live@example.invalid", DateTimeOffset.Now);
            var commit = git.ObjectDatabase.CreateCommit(who, who, "live pull-request test", git.ObjectDatabase.CreateTree(tree), [main], false);
            git.Branches.Add(branch, commit);
            git.Network.Push(remote, $"refs/heads/{branch}:refs/heads/{branch}", new LibGit2Sharp.PushOptions { CredentialsProvider = PushCredentials.For(remote.Url, Token) });

            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            var host = new GitHubPullRequests(http, new Uri("https://api.github.com"), parts[0], parts[1], Token!);
            var (opened, created) = host.Open(new PullRequestDraft(branch, "main", "gitops-build live test", "Opened by the live test; close it.", []));
            Assert.True(created);
            var (again, createdAgain) = host.Open(new PullRequestDraft(branch, "main", "gitops-build live test", "second", []));
            Assert.False(createdAgain);
            Assert.Equal(opened, again);
            Assert.Equal(opened, host.FindOpen(branch, "main"));
        }
    }
}
