using GitOps.Build.Primitives;

namespace GitOps.Build.Tests.Primitives;

/// <summary>Repository URLs in Argo CD's normal form, and as one repository whatever the transport.</summary>
public sealed class RepoUrlTests
{
    /// <summary>util/git/git_test.go, TestSameURL: every pair Argo CD counts as the same URL.</summary>
    [Theory]
    [InlineData("git@GITHUB.com:argoproj/test", "git@github.com:argoproj/test.git")]
    [InlineData("git@GITHUB.com:test.git", "git@github.com:test.git")]
    [InlineData("https://GITHUB.com/argoproj/test", "https://github.com/argoproj/test.git")]
    [InlineData("https://github.com/FOO", "https://github.com/foo")]
    [InlineData("https://github.com:4443/TEST.git", "https://github.com:4443/TEST")]
    [InlineData("ssh://git@GITHUB.com/argoproj/test", "git@github.com:argoproj/test.git")]
    [InlineData("ssh://git@github.com/test", "git@github.com:test.git")]
    [InlineData(" https://github.com/argoproj/test ", "https://github.com/argoproj/test.git")]
    [InlineData("\thttps://github.com/argoproj/test\n", "https://github.com/argoproj/test.git")]
    [InlineData("https://dev.azure.com/1234/myproj/_git/myrepo", "https://dev.azure.com/1234/myproj/_git/myrepo")]
    public void Argo_cds_same_urls_normalise_alike(string a, string b)
    {
        Assert.Equal(RepoUrl.Normalize(a), RepoUrl.Normalize(b));
        Assert.True(RepoUrl.Same(a, b));
    }

    [Theory]
    [InlineData("git@github.com:argoproj/test.git", "git@github.com/argoproj/test")]
    [InlineData("ssh://git@github.com/argoproj/test.git", "git@github.com/argoproj/test")]
    [InlineData("https://github.com/Org/Repo.git", "https://github.com/org/repo")]
    [InlineData("https://github.com/org/repo/", "https://github.com/org/repo/")] // Argo CD keeps a trailing '/'
    public void Normalize_is_argo_cds_form(string url, string normalised) => Assert.Equal(normalised, RepoUrl.Normalize(url));

    [Theory]
    [InlineData("https://github.com/Org/Repo.git", "git@github.com:org/repo")]
    [InlineData("https://github.com/org/repo/", "ssh://git@github.com:22/org/repo.git")]
    [InlineData("https://x-access-token:abc@github.com/org/repo", "git@github.com:org/repo")]
    [InlineData("ssh://git@GITHUB.com:org/repo", "https://github.com/org/repo")]
    [InlineData("https://gitlab.example.com:8443/group/sub/repo.git", "git@gitlab.example.com:group/sub/repo.git")]
    public void One_repository_whatever_the_transport(string a, string b) => Assert.True(RepoUrl.Same(a, b), $"{RepoUrl.Repository(a)} vs {RepoUrl.Repository(b)}");

    [Theory]
    [InlineData("https://github.com/org/repo", "https://github.com/org/other")]
    [InlineData("https://github.com/org/repo", "https://gitlab.com/org/repo")]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo/sub")]
    [InlineData("", "")]
    public void Other_repositories_are_not_the_same(string a, string b) => Assert.False(RepoUrl.Same(a, b));

    [Theory]
    [InlineData("https://x-access-token:ghp_secret@github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("https://user@host/org/repo", "https://host/org/repo")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo")]
    public void Display_drops_a_password_or_token(string url, string shown) => Assert.Equal(shown, RepoUrl.Display(url));
}
