using System.Net;
using System.Net.Sockets;
using GitOps.Build.Git;
using GitOps.Build.Promotion;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

public sealed class PushCredentialsTests
{
    [Theory]
    [InlineData("https://github.com/org/repo.git", "https://github.com/org/repo.git/info/refs?service=git-receive-pack", true)]
    [InlineData("https://GitHub.com/org/repo.git", "https://github.com/other/repo.git", true)]
    [InlineData("https://github.com/org/repo.git", "http://github.com/org/repo.git", false)]
    [InlineData("http://github.com/org/repo.git", "http://github.com/org/repo.git", false)]
    [InlineData("https://github.com/org/repo.git", "https://evil.example/org/repo.git", false)]
    [InlineData("https://github.com/org/repo.git", "https://github.com.evil.example/org/repo.git", false)]
    [InlineData("https://github.com/org/repo.git", "https://github.com:8443/org/repo.git", false)]
    [InlineData("git@github.com:org/repo.git", "ssh://git@github.com/org/repo.git", false)]
    [InlineData("/srv/git/repo.git", "/srv/git/repo.git", false)]
    public void The_token_goes_only_to_https_on_the_configured_host(string configured, string requested, bool allowed) =>
        Assert.Equal(allowed, PushCredentials.Allows(configured, requested));

    [Fact]
    public void No_token_means_no_callback() => Assert.Null(PushCredentials.For("https://github.com/org/repo.git", ""));

    [Theory]
    [InlineData("cannot push because a reference that you are trying to update on the remote contains commits that are not present locally.", GitPushFailure.NotFastForward)]
    [InlineData("refs/heads/main: failed to update ref (non-fast-forward)", GitPushFailure.NotFastForward)]
    [InlineData("too many redirects or authentication replays", GitPushFailure.Authentication)]
    [InlineData("unexpected http status code: 403", GitPushFailure.Authentication)]
    [InlineData("failed to resolve address for nowhere.invalid", GitPushFailure.Other)]
    public void Push_failures_are_sorted_into_plain_kinds(string text, GitPushFailure kind) => Assert.Equal(kind, GitPushException.Classify(text));
}

/// <summary>
/// GIT_PUSH_TOKEN against a real (local, plain http) server that asks for credentials: libgit2 gets
/// none, so no request carries the token, and the failure is told in plain words. Not parallel: the
/// token is a process-wide environment variable.
/// </summary>
[Collection(IsolatedGitConfig.Name)]
public sealed class PushTokenOverHttpTests : IDisposable
{
    private const string Token = "ghs_secret-test-token";
    private readonly HttpListener _server = new();
    private readonly List<string> _authorizations = [];
    private readonly string _url;
    private readonly Task _serving;

    public PushTokenOverHttpTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _url = $"http://127.0.0.1:{port}/org/repo.git";
        _server.Prefixes.Add($"http://127.0.0.1:{port}/");
        _server.Start();
        _serving = Task.Run(async () =>
        {
            while (_server.IsListening)
            {
                HttpListenerContext request;
                try { request = await _server.GetContextAsync(); }
                catch (Exception) { return; }
                lock (_authorizations) _authorizations.Add(request.Request.Headers["Authorization"] ?? "");
                request.Response.StatusCode = 401;
                request.Response.AddHeader("WWW-Authenticate", "Basic realm=\"test\"");
                request.Response.Close();
            }
        });
        Environment.SetEnvironmentVariable(GitWorkingTree.PushTokenVariable, Token);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(GitWorkingTree.PushTokenVariable, null);
        _server.Stop();
        _server.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_http_remote_never_gets_the_token_and_the_push_failure_is_plain()
    {
        using var repo = new TempGitRepository();
        repo.Write("a.txt", "a\n");
        repo.CommitAll("initial");
        using (var r = new Repository(repo.Root)) r.Network.Remotes.Add("origin", _url);
        var git = GitWorkingTree.Open(repo.Root);

        var e = Assert.Throws<GitPushException>(() => git.Push());

        Assert.Equal(GitPushFailure.Authentication, e.Kind);
        Assert.Contains("did not accept the credentials", e.Message);
        Assert.NotEmpty(_authorizations); // the server was asked
        Assert.All(_authorizations, a => Assert.Equal("", a));
    }

    [Fact]
    public void Promote_push_to_an_http_remote_is_refused_before_any_edit_and_sends_no_token()
    {
        using var fx = new PromotionFixture(dev: "v1.2.0");
        using (var r = new Repository(fx.Repo.Root))
        {
            r.Network.Remotes.Add("origin", _url);
            r.Branches.Update(r.Head, b => b.Remote = "origin", b => b.UpstreamBranch = r.Head.CanonicalName);
        }
        var before = fx.Repo.State();

        var result = fx.Promote(new(PromotionFixture.App, "staging"), push: true);

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("could not fetch", result.Message);
        Assert.Equal(before, fx.Repo.State());
        Assert.All(_authorizations, a => Assert.Equal("", a));
        Assert.DoesNotContain(Token, result.Message);
    }
}
