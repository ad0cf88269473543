using GitOps.Build.Git;
using GitOps.Build.Promotion;
using GitOps.Build.Reporting;
using GitOps.Build.Scaffolding;
using GitOps.Build.Tests.Promotion;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Scaffolding;

/// <summary>
/// NewApp --pull-request against the stand-in GitHub API (<see cref="HostingApiStandIn"/>), with a bare repository as
/// the remote: the same flow as Promote's (<see cref="BranchPullRequest"/>): the files committed on new-app/&lt;name&gt;
/// without touching the operator's branch, index or work tree, pushed, one pull request opened and labelled; a second
/// run finds it and does nothing else.
/// </summary>
public sealed class ScaffoldPullRequestTests : IAsyncLifetime
{
    private const string Token = "ghp_FAKE0TOKEN0scaffold0do0not0leak0123456";
    private readonly ScaffoldRepository _repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private HostingApiStandIn _api = null!;

    public async Task InitializeAsync() => _api = await HostingApiStandIn.StartAsync(Token, _repo.Temp!.AddRemote());

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
        _repo.Dispose();
    }

    private PullRequestDelivery GitHub() => new(new GitHubPullRequests(_http, _api.GitHubApi, "acme", "web", Token), PullRequestBody.Write);

    [Fact]
    public async Task Run_twice_it_opens_one_pull_request_and_leaves_the_work_tree_as_it_was()
    {
        var before = _repo.Temp!.State(withRemoteTracking: false);
        var head = _repo.Head();

        var first = await _repo.NewAppAsync("orders", "registry.example.org/orders:2.0.0", from: "api", pullRequest: GitHub());

        Assert.True(first.Outcome == ScaffoldOutcome.PullRequestOpened, first.Message);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("https://github.example/acme/web/pull/1", first.PullRequestUrl);
        Assert.True(_repo.Head().Unchanged(head));
        Assert.False(_repo.Exists("gitops/apps/orders"));
        var pr = Assert.Single(_api.PullRequests);
        Assert.Equal(("new-app/orders", "NewApp orders: like api, in dev, prod"), (pr.Head, pr.Title));
        Assert.Equal(["new-app", "app:orders"], pr.Labels);
        Assert.Contains("Opened by the GitOps build suite's NewApp; CI ran on a scratch copy", pr.Body);
        Assert.Contains("To fill in: gitops/apps/orders/values-prod.yaml: ingress is left out", pr.Body);
        Assert.Contains("new file argocd/apps/orders-prod.yaml", pr.Body);
        using (var remote = new Repository(_repo.Temp.RemotePath!))
        {
            var tip = remote.Branches["new-app/orders"].Tip;
            Assert.Equal([head.Sha], tip.Parents.Select(p => p.Sha));
            Assert.Equal(first.Files.Order(StringComparer.Ordinal), remote.Diff.Compare<TreeChanges>(tip.Parents.Single().Tree, tip.Tree).Select(c => c.Path).Order(StringComparer.Ordinal));
        }

        var second = await _repo.NewAppAsync("orders", "registry.example.org/orders:2.0.0", from: "api", pullRequest: GitHub());

        Assert.Equal(ScaffoldOutcome.PullRequestExists, second.Outcome);
        Assert.Equal("pull request #1 for new-app/orders is already open: https://github.example/acme/web/pull/1; nothing else was done.", second.Message);
        Assert.Single(_api.PullRequests);
        var after = string.Join("\n", _repo.Temp.State(withRemoteTracking: false).Split('\n').Where(l => !l.Contains("new-app/orders")));
        Assert.Equal(before, after);
        Assert.All(_api.Requests, r => Assert.DoesNotContain(Token, r.Body + r.PathAndQuery));
    }
}
