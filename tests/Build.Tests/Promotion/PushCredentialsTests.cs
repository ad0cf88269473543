using GitOps.Build.Git;

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
}
