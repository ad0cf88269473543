namespace GitOps.Build.Git;

/// <summary>
/// Which service opens the pull request, where its API is, which repository and which token, from what the CI system
/// already sets: GitHub Actions' <c>GITHUB_API_URL</c> (default https://api.github.com), <c>GITHUB_REPOSITORY</c> (else
/// owner/name from the remote's URL) and <c>GITHUB_TOKEN</c>; GitLab CI's <c>CI_API_V4_URL</c> (else https://&lt;host&gt;/api/v4),
/// <c>CI_PROJECT_ID</c> (else the project's path from the remote's URL) and <c>GITLAB_TOKEN</c>. The service is the one
/// asked for (--provider), else the CI system that runs (GITHUB_ACTIONS, GITLAB_CI), else the remote's host.
/// </summary>
public static class PullRequestHosts
{
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="PullRequestException">The service cannot be told, or something it needs is not set; the message names the variable.</exception>
    public static PullRequestHost From(string? provider, string? remoteUrl, Func<string, string?> environment, HttpClient http)
    {
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;
        var remote = Primitives.RepoUrl.HostAndPath(remoteUrl);
        provider ??= Env("GITHUB_ACTIONS") == "true" ? "github"
            : Env("GITLAB_CI") == "true" ? "gitlab"
            : remote?.Host.Contains("github", StringComparison.OrdinalIgnoreCase) == true ? "github"
            : remote?.Host.Contains("gitlab", StringComparison.OrdinalIgnoreCase) == true ? "gitlab"
            : throw new PullRequestException(
                $"--pull-request: cannot tell whether {(remoteUrl is null ? "this repository (it has no remote)" : $"the remote {Primitives.RepoUrl.Display(remoteUrl)}")} is on GitHub or GitLab; give --provider=github or --provider=gitlab.");
        if (provider == "github")
        {
            var token = Env("GITHUB_TOKEN") ?? throw Missing("GITHUB_TOKEN", "a GitHub token allowed to open pull requests (in Actions: secrets.GITHUB_TOKEN with pull-requests: write)");
            var api = Env("GITHUB_API_URL") ?? (remote is not { } r || r.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
                ? "https://api.github.com" : $"https://{r.Host}/api/v3");
            var repository = Env("GITHUB_REPOSITORY") ?? remote?.Path
                ?? throw Missing("GITHUB_REPOSITORY", "owner/name of the repository (or a remote whose URL names it)");
            var parts = repository.Split('/');
            if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                throw new PullRequestException($"--pull-request: the GitHub repository '{repository}' is not owner/name; set GITHUB_REPOSITORY=owner/name.");
            return new GitHubPullRequests(http, Address(api, "GITHUB_API_URL"), parts[0], parts[1], token);
        }
        var gitlabToken = Env("GITLAB_TOKEN") ?? throw Missing("GITLAB_TOKEN", "a GitLab access token with the api scope");
        var gitlabApi = Env("CI_API_V4_URL") ?? (remote is null ? throw Missing("CI_API_V4_URL", "the GitLab API address, e.g. https://gitlab.example.com/api/v4") : $"https://{remote.Value.Host}/api/v4");
        var project = Env("CI_PROJECT_ID") ?? remote?.Path ?? throw Missing("CI_PROJECT_ID", "the project's number or path");
        return new GitLabMergeRequests(http, Address(gitlabApi, "CI_API_V4_URL"), project, gitlabToken);
    }

    private static PullRequestException Missing(string variable, string what) =>
        new($"--pull-request: {variable} is not set; it must hold {what}.");

    private static Uri Address(string text, string variable) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new PullRequestException($"--pull-request: {variable}={text} is not an http(s) address.");
}
