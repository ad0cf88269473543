using GitOps.Build.Git;

namespace GitOps.Build.Tests.Promotion;

/// <summary>Which service, API, repository and token --pull-request uses, from what CI systems set and the remote's URL.</summary>
public sealed class PullRequestHostsTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private PullRequestHost From(string? provider, string? remote, params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return PullRequestHosts.From(provider, remote, name => env.GetValueOrDefault(name), _http);
    }

    [Fact]
    public void GitHub_Actions_variables_are_used_as_given()
    {
        var host = Assert.IsType<GitHubPullRequests>(From(null, "https://github.com/someone/else.git",
            ("GITHUB_ACTIONS", "true"), ("GITHUB_API_URL", "https://ghe.example.com/api/v3"), ("GITHUB_REPOSITORY", "acme/web"), ("GITHUB_TOKEN", "t")));
        Assert.Equal(("https://ghe.example.com/api/v3", "acme/web"), (host.Api.AbsoluteUri.TrimEnd('/'), host.Repository));
    }

    [Theory]
    [InlineData("https://github.com/acme/web.git", "https://api.github.com/", "acme/web")]
    [InlineData("git@github.com:acme/web.git", "https://api.github.com/", "acme/web")]
    [InlineData("ssh://git@github.example.com/acme/web", "https://github.example.com/api/v3", "acme/web")]
    public void Without_CI_variables_the_remote_names_the_service_and_repository(string remote, string api, string repository)
    {
        var host = Assert.IsType<GitHubPullRequests>(From(null, remote, ("GITHUB_TOKEN", "t")));
        Assert.Equal((api, repository), (host.Api.AbsoluteUri, host.Repository));
    }

    [Fact]
    public void GitLab_from_its_CI_variables_or_the_remote()
    {
        var ci = Assert.IsType<GitLabMergeRequests>(From(null, "https://gitlab.example.com/group/sub/web.git",
            ("GITLAB_CI", "true"), ("CI_API_V4_URL", "https://gitlab.example.com/api/v4"), ("CI_PROJECT_ID", "42"), ("GITLAB_TOKEN", "t")));
        Assert.Equal(("https://gitlab.example.com/api/v4", "42"), (ci.Api.AbsoluteUri, ci.Project));
        var local = Assert.IsType<GitLabMergeRequests>(From(null, "git@gitlab.com:group/sub/web.git", ("GITLAB_TOKEN", "t")));
        Assert.Equal(("https://gitlab.com/api/v4", "group/sub/web"), (local.Api.AbsoluteUri, local.Project));
        Assert.IsType<GitLabMergeRequests>(From("gitlab", "https://code.example.com/group/web.git", ("GITLAB_TOKEN", "t")));
    }

    [Theory]
    [InlineData(null, "https://code.example.com/acme/web.git", "cannot tell whether the remote https://code.example.com/acme/web.git is on GitHub or GitLab; give --provider=github or --provider=gitlab.")]
    [InlineData("github", "https://github.com/acme/web.git", "GITHUB_TOKEN is not set")]
    [InlineData("gitlab", "https://gitlab.com/acme/web.git", "GITLAB_TOKEN is not set")]
    public void What_is_missing_is_named(string? provider, string remote, string message)
    {
        var e = Assert.Throws<PullRequestException>(() => From(provider, remote));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_token_in_the_remotes_URL_is_not_repeated_in_the_message()
    {
        var e = Assert.Throws<PullRequestException>(() => From(null, "https://x-access-token:s3cr3t-in-url@code.example.com/acme/web.git"));
        Assert.DoesNotContain("s3cr3t-in-url", e.Message);
        Assert.Contains("the remote https://code.example.com/acme/web.git is on GitHub or GitLab", e.Message);
    }

    [Fact]
    public void A_plain_http_address_is_refused_unless_it_is_this_machine()
    {
        var e = Assert.Throws<PullRequestException>(() => From("github", null, ("GITHUB_API_URL", "http://api.example.com"), ("GITHUB_REPOSITORY", "a/b"), ("GITHUB_TOKEN", "t")));
        Assert.Contains("is not https; the token would travel in clear text", e.Message);
        Assert.IsType<GitHubPullRequests>(From("github", null, ("GITHUB_API_URL", "http://127.0.0.1:8080"), ("GITHUB_REPOSITORY", "a/b"), ("GITHUB_TOKEN", "t")));
    }

    [Theory]
    [InlineData("https://api.github.com", "https://github.com/acme/web.git", true)]
    [InlineData("https://api.github.com", "http://github.com/acme/web.git", false)]
    [InlineData("https://api.github.com", "https://evil.example.com/acme/web.git", false)]
    [InlineData("https://api.github.com", "git@github.com:acme/web.git", false)]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/acme/web.git", true)]
    public void The_token_goes_along_with_a_push_only_to_the_services_own_host_over_https(string api, string remote, bool sent)
    {
        var host = From("github", null, ("GITHUB_API_URL", api), ("GITHUB_REPOSITORY", "acme/web"), ("GITHUB_TOKEN", "the-token"));
        Assert.Equal(sent ? "the-token" : null, host.TokenForPush(remote));
    }
}
