using System.Net;
using System.Text.Json.Nodes;

namespace GitOps.Build.Git;

/// <summary>
/// GitHub's pull requests through its REST API: <c>GET /repos/{owner}/{repo}/pulls?head=owner:branch&amp;base=…&amp;state=open</c>,
/// <c>POST /repos/{owner}/{repo}/pulls</c> (head, base, title, body; 201 with the pull request, 422 "A pull request already
/// exists for owner:branch." when one is open for the head), <c>POST /repos/{owner}/{repo}/issues/{number}/labels</c> (a pull request is an issue for labels).
/// The API's address is used as given (<c>GITHUB_API_URL</c>: https://api.github.com, or https://host/api/v3 on GitHub
/// Enterprise Server), which is why these calls go through <see cref="HttpClient"/> rather than a client library that
/// appends its own path to any address but github.com's.
/// </summary>
public sealed class GitHubPullRequests(HttpClient http, Uri api, string owner, string repository, string token)
    : PullRequestHost(http, api, token)
{
    public override string Service => "GitHub";
    public override string Noun => "pull request";

    public string Repository => $"{owner}/{repository}";

    protected override string WebHost => Api.IdnHost.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : Api.IdnHost;

    protected override void Authorize(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
    }

    private string Repo => $"/repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}";

    public override PullRequest? FindOpen(string head, string @base)
    {
        var query = $"{Repo}/pulls?state=open&head={Uri.EscapeDataString($"{owner}:{head}")}&base={Uri.EscapeDataString(@base)}";
        var (status, body) = Send(HttpMethod.Get, query, null);
        if (!IsSuccess(status)) throw Failed(HttpMethod.Get, query, status, body);
        return body is JsonArray list && list.OfType<JsonObject>().FirstOrDefault() is { } first ? Read(first) : null;
    }

    public override (PullRequest PullRequest, bool Created) Open(PullRequestDraft draft)
    {
        var path = $"{Repo}/pulls";
        var (status, body) = Send(HttpMethod.Post, path, new JsonObject
        {
            ["head"] = draft.Head, ["base"] = draft.Base, ["title"] = draft.Title, ["body"] = draft.Body,
        });
        if (status == HttpStatusCode.UnprocessableEntity && Said(body).Contains("already exists", StringComparison.OrdinalIgnoreCase)
            && FindOpen(draft.Head, draft.Base) is { } existing)
            return (existing, false);
        if (status != HttpStatusCode.Created) throw Failed(HttpMethod.Post, path, status, body);
        return (Read(body as JsonObject ?? throw new PullRequestException($"GitHub answered 201 to POST {path} without a pull request in the body.")), true);
    }

    /// <summary>Labels are an issue's: <c>POST /repos/{owner}/{repo}/issues/{number}/labels</c> with <c>{"labels": [...]}</c>.</summary>
    public override void Label(PullRequest pullRequest, IReadOnlyList<string> labels)
    {
        if (labels.Count == 0) return;
        var path = $"{Repo}/issues/{pullRequest.Number}/labels";
        var (status, body) = Send(HttpMethod.Post, path, new JsonObject { ["labels"] = new JsonArray(labels.Select(l => (JsonNode)l).ToArray()) });
        if (!IsSuccess(status)) throw Failed(HttpMethod.Post, path, status, body);
    }

    private static PullRequest Read(JsonObject pr) =>
        new(pr["number"]?.GetValue<int>() ?? 0, pr["html_url"]?.ToString() ?? pr["url"]?.ToString() ?? "");
}
