using GitOps.Build.Git;
using GitOps.Build.Promotion;
using GitOps.Build.Reporting;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote --pull-request against the stand-in GitHub and GitLab APIs (<see cref="HostingApiStandIn"/>), with a bare
/// repository as the remote: the change is committed on a new branch without touching the operator's branch, index
/// or work tree, pushed, and one pull request is opened; a second run reports it instead of opening another; the
/// token appears nowhere but in the authorization header.
/// </summary>
public sealed class PullRequestPromotionTests : IAsyncLifetime
{
    private const string Token = "ghp_FAKE0TOKEN0do0not0leak0123456789abcdef";
    private const string Branch = "promote/web/prod/1.1.0";
    private readonly ShapeRepository _shape = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private HostingApiStandIn _api = null!;
    private string _base = "";

    private TempGitRepository Repo => _shape.Repo;

    public async Task InitializeAsync()
    {
        _shape.KustomizeApplications();
        foreach (var (env, version) in new[] { ("dev", "1.1.0"), ("prod", "1.0.0") })
        {
            Repo.Write($"apps/web/envs/{env}/kustomization.yaml", "resources:\n  - web.yaml\n");
            Repo.Write($"apps/web/envs/{env}/web.yaml",
                $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:{version}\n");
        }
        Repo.CommitAll("web overlays");
        Repo.AddRemote();
        using (var repo = new Repository(Repo.Root)) _base = repo.Head.FriendlyName;
        _api = await HostingApiStandIn.StartAsync(Token, Repo.RemotePath!);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _http.Dispose();
        _shape.Dispose();
    }

    private PromotionResult Promote(PullRequestHost host, bool preview = false) =>
        _shape.Promoter().Promote(new PromoteOptions(new PromotionRequest(ShapeRepository.App, "prod"), preview)
        {
            PullRequest = new PullRequestDelivery(host, PullRequestBody.Write),
        });

    private GitHubPullRequests GitHub(string token = Token) => new(_http, _api.GitHubApi, "acme", "web", token);

    /// <summary>The repository's state without what a pull request adds on purpose: the new branch, locally and on the remote.</summary>
    private string StateBesidesTheBranch() =>
        string.Join("\n", Repo.State(withRemoteTracking: false).Split('\n').Where(l => !l.Contains(Branch, StringComparison.Ordinal)));

    [Fact]
    public void An_app_with_two_Applications_in_the_environment_gets_one_pull_request_moving_both()
    {
        // A second prod Application, for another cluster, with an overlay of its own; pushed, so the branch is level with its upstream.
        _shape.Application("web-prod-us", "prod", "    path: apps/web/envs/prod-us\n", "https://us.example.com");
        Repo.Write("apps/web/envs/prod-us/kustomization.yaml", "resources:\n  - web.yaml\n");
        Repo.Write("apps/web/envs/prod-us/web.yaml", Repo.Read("apps/web/envs/prod/web.yaml"));
        Repo.CommitAll("web in a second prod cluster");
        using (var repo = new Repository(Repo.Root)) repo.Network.Push(repo.Head);

        var result = Promote(GitHub());

        Assert.True(result.Outcome == PromotionOutcome.PullRequestOpened, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
        var pr = Assert.Single(_api.PullRequests);
        Assert.Equal("Promote web to prod: 1.0.0 → 1.1.0", pr.Title);
        Assert.Contains("| web-prod | prod | 0 | 1 | 0 | +1 −1 |", pr.Body);
        Assert.Contains("| web-prod-us | prod | 0 | 1 | 0 | +1 −1 |", pr.Body);
        using var remote = new Repository(Repo.RemotePath!);
        var tip = remote.Branches[Branch].Tip;
        Assert.Equal(["apps/web/envs/prod-us/web.yaml", "apps/web/envs/prod/web.yaml"],
            remote.Diff.Compare<TreeChanges>(tip.Parents.Single().Tree, tip.Tree).Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.True(tip.Message.Contains("\nApplications: web-prod, web-prod-us", StringComparison.Ordinal), tip.Message);
    }

    [Fact]
    public void Run_twice_it_opens_one_pull_request_and_leaves_the_branch_index_and_work_tree_as_they_were()
    {
        var before = StateBesidesTheBranch();
        var head = Repo.Head().Sha;

        var first = Promote(GitHub());

        Assert.True(first.Outcome == PromotionOutcome.PullRequestOpened, first.Message + "\n" + string.Join("\n", first.Problems ?? []));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("https://github.example/acme/web/pull/1", first.PullRequestUrl);
        Assert.Contains($"pull request #1 opened from {Branch} into {_base}", first.Message);
        Assert.Equal(before, StateBesidesTheBranch());
        Assert.Equal(head, Repo.Head().Sha);

        var pr = Assert.Single(_api.PullRequests);
        Assert.Equal((Branch, _base, "Promote web to prod: 1.0.0 → 1.1.0"), (pr.Head, pr.Base, pr.Title));
        Assert.Equal(["promotion", "app:web", "env:prod"], pr.Labels);
        Assert.StartsWith("promote web to prod: 1.0.0 → 1.1.0\n\nFiles: `apps/web/envs/prod/web.yaml`.", pr.Body);
        Assert.Contains(DiffMarkdown.Marker, pr.Body);
        Assert.Contains("| web-prod | prod | 0 | 1 | 0 | +1 −1 |", pr.Body);
        Assert.Contains("-      - image: ghcr.io/acme/web:1.0.0\n+      - image: ghcr.io/acme/web:1.1.0\n", pr.Body);

        using (var remote = new Repository(Repo.RemotePath!))
        {
            var tip = remote.Branches[Branch].Tip;
            Assert.Equal([head], tip.Parents.Select(p => p.Sha));
            Assert.Equal("promote web to prod: 1.0.0 → 1.1.0", tip.MessageShort);
            Assert.Equal(["apps/web/envs/prod/web.yaml"], remote.Diff.Compare<TreeChanges>(tip.Parents.Single().Tree, tip.Tree).Select(c => c.Path));
            Assert.Contains("image: ghcr.io/acme/web:1.1.0", ((Blob)tip["apps/web/envs/prod/web.yaml"].Target).GetContentText());
            Assert.Equal(head, remote.Branches[_base].Tip.Sha); // the base is not touched
        }

        var posts = _api.Requests.Count(r => r.Method == "POST");
        var second = Promote(GitHub());

        Assert.Equal(PromotionOutcome.PullRequestExists, second.Outcome);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("pull request #1 for this change is already open: https://github.example/acme/web/pull/1; nothing else was done.", second.Message);
        Assert.Single(_api.PullRequests);
        Assert.Equal(posts, _api.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(before, StateBesidesTheBranch());

        AssertTokenOnlyInTheAuthorizationHeader([first, second]);
    }

    [Fact]
    public void One_opened_between_the_look_and_the_create_answers_422_and_is_reported()
    {
        Assert.Equal(PromotionOutcome.PullRequestOpened, Promote(GitHub()).Outcome);
        _api.HideOpenFromNextList = true; // the next run does not see it when it looks first

        var again = Promote(GitHub());

        Assert.Equal(PromotionOutcome.PullRequestExists, again.Outcome);
        Assert.Single(_api.PullRequests);
        Assert.Contains(_api.Requests, r => r.Method == "POST" && r.PathAndQuery == "/repos/acme/web/pulls" && _api.Requests.IndexOf(r) > 3);
        AssertTokenOnlyInTheAuthorizationHeader([again]);
    }

    [Fact]
    public void GitLab_opens_one_merge_request_with_its_labels_and_a_409_is_reported()
    {
        var gitlab = new GitLabMergeRequests(_http, _api.GitLabApi, "acme/web", Token);
        var before = StateBesidesTheBranch();

        var first = Promote(gitlab);

        Assert.True(first.Outcome == PromotionOutcome.PullRequestOpened, first.Message);
        Assert.Equal("https://gitlab.example/acme/web/-/merge_requests/1", first.PullRequestUrl);
        var mr = Assert.Single(_api.PullRequests);
        Assert.Equal((Branch, _base), (mr.Head, mr.Base));
        Assert.Equal(["promotion", "app:web", "env:prod"], mr.Labels);
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v4/projects/acme%2Fweb/merge_requests" && r.Method == "POST");

        _api.HideOpenFromNextList = true;
        var second = Promote(gitlab);

        Assert.Equal(PromotionOutcome.PullRequestExists, second.Outcome);
        Assert.Contains("merge request #1", second.Message);
        Assert.Single(_api.PullRequests);
        Assert.Equal(before, StateBesidesTheBranch());
        AssertTokenOnlyInTheAuthorizationHeader([first, second], header: "PRIVATE-TOKEN", value: Token);
    }

    [Fact]
    public void A_refused_token_changes_nothing_and_the_message_says_so_without_the_token()
    {
        const string wrong = "ghp_WRONG0TOKEN0also0secret0abcdef0123";
        var before = Repo.State();

        var result = Promote(GitHub(wrong));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Equal("GitHub answered 401 Unauthorized to GET /repos/acme/web/pulls: Bad credentials. The token was not accepted: check that it is set and has not expired. Nothing was changed.", result.Message);
        Assert.Equal(before, Repo.State());
        Assert.Empty(_api.PullRequests);
        Assert.DoesNotContain(wrong, result.Message);
    }

    [Fact]
    public void Labels_that_cannot_be_set_leave_the_pull_request_open_and_say_so()
    {
        _api.RefuseLabels = true;

        var result = Promote(GitHub());

        Assert.Equal(PromotionOutcome.PullRequestOpened, result.Outcome);
        var problem = Assert.Single(result.Problems!);
        Assert.Contains("https://github.example/acme/web/pull/1 is open, but it could not be labelled (promotion, app:web, env:prod)", problem);
        Assert.Contains("403 Forbidden", problem);
    }

    [Fact]
    public void Preview_asks_nothing_and_says_where_the_pull_request_would_go()
    {
        var before = Repo.State();

        var result = Promote(GitHub(), preview: true);

        Assert.Equal(PromotionOutcome.Previewed, result.Outcome);
        Assert.Contains($"commit it on the branch {Branch} and open a pull request into {_base}", result.Message);
        Assert.Empty(_api.Requests);
        Assert.Equal(before, Repo.State());
    }

    [Fact]
    public void A_rollback_through_a_pull_request_carries_the_hold()
    {
        Assert.Equal(PromotionOutcome.Promoted, _shape.Promote().Outcome);
        using (var repo = new Repository(Repo.Root)) repo.Network.Push(repo.Head); // the promotion is what the remote has

        var result = _shape.Promoter().Rollback(new RollbackRequest(ShapeRepository.App, "prod", null, "1.1.0 breaks logins")
        {
            PullRequest = new PullRequestDelivery(GitHub(), PullRequestBody.Write),
        });

        Assert.True(result.Outcome == PromotionOutcome.PullRequestOpened, result.Message);
        var pr = Assert.Single(_api.PullRequests);
        Assert.Equal(("rollback/web/prod/1.0.0", "Roll back web in prod: 1.1.0 → 1.0.0"), (pr.Head, pr.Title));
        Assert.Contains("rollback", pr.Labels);
        Assert.Contains("Holds web in prod at ghcr.io/acme/web:1.0.0", pr.Body);
        using var remote = new Repository(Repo.RemotePath!);
        var tip = remote.Branches["rollback/web/prod/1.0.0"].Tip;
        Assert.Equal(["apps/web/envs/prod/web.yaml", "promotion-holds.yaml"],
            remote.Diff.Compare<TreeChanges>(tip.Parents.Single().Tree, tip.Tree).Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Contains("reason: 1.1.0 breaks logins", ((Blob)tip["promotion-holds.yaml"].Target).GetContentText());
        Assert.False(File.Exists(_shape.HoldsFile)); // the work tree is not touched: the hold arrives with the merge
    }

    /// <summary>The token is in the authorization header of every request, and nowhere else: no URL, no body, no result text.</summary>
    private void AssertTokenOnlyInTheAuthorizationHeader(IEnumerable<PromotionResult> results, string header = "Authorization", string value = $"Bearer {Token}")
    {
        Assert.NotEmpty(_api.Requests);
        foreach (var request in _api.Requests)
        {
            Assert.Equal(value, request.Headers[header]);
            Assert.DoesNotContain(Token, request.PathAndQuery);
            Assert.DoesNotContain(Token, request.Body);
            Assert.All(request.Headers.Where(h => !h.Key.Equals(header, StringComparison.OrdinalIgnoreCase)), h => Assert.DoesNotContain(Token, h.Value));
        }
        foreach (var result in results)
        {
            var text = string.Join("\n", new[] { result.Message, result.Diff, result.CommitMessage }.Concat(result.Problems ?? []).Concat(result.Standing));
            Assert.DoesNotContain(Token, text);
        }
        using var remote = new Repository(Repo.RemotePath!);
        Assert.All(remote.Branches.SelectMany(b => b.Commits), c => Assert.DoesNotContain(Token, c.Message));
    }
}
