using System.Net;
using System.Text.Json.Nodes;

namespace GitOps.Build.Git;

/// <summary>
/// GitLab's merge requests through its REST API (v4): <c>GET /projects/:id/merge_requests?state=opened&amp;source_branch=…&amp;target_branch=…</c>,
/// <c>POST /projects/:id/merge_requests</c> (source_branch, target_branch, title, description, labels as a comma-separated
/// list; 201 with the merge request, 409 "Another open merge request already exists for this source branch" when one is open).
/// <c>:id</c> is the project's number or its URL-encoded path (<c>CI_PROJECT_ID</c> in GitLab CI). The token goes in the
/// <c>PRIVATE-TOKEN</c> header. No GitLab client library is available, so these few calls are made with <see cref="HttpClient"/>.
/// </summary>
public sealed class GitLabMergeRequests(HttpClient http, Uri api, string project, string token)
    : PullRequestHost(http, api, token)
{
    public override string Service => "GitLab";
    public override string Noun => "merge request";

    public string Project => project;

    protected override void Authorize(HttpRequestMessage request, string token) => request.Headers.Add("PRIVATE-TOKEN", token);

    private string Path => $"/projects/{Uri.EscapeDataString(project)}/merge_requests";

    public override PullRequest? FindOpen(string head, string @base)
    {
        var query = $"{Path}?state=opened&source_branch={Uri.EscapeDataString(head)}&target_branch={Uri.EscapeDataString(@base)}";
        var (status, body) = Send(HttpMethod.Get, query, null);
        if (!IsSuccess(status)) throw Failed(HttpMethod.Get, query, status, body);
        return body is JsonArray list && list.OfType<JsonObject>().FirstOrDefault() is { } first ? Read(first) : null;
    }

    public override (PullRequest PullRequest, bool Created) Open(PullRequestDraft draft)
    {
        var (status, body) = Send(HttpMethod.Post, Path, new JsonObject
        {
            ["source_branch"] = draft.Head, ["target_branch"] = draft.Base, ["title"] = draft.Title, ["description"] = draft.Body,
            ["labels"] = string.Join(',', draft.Labels),
        });
        if (status == HttpStatusCode.Conflict && FindOpen(draft.Head, draft.Base) is { } existing) return (existing, false);
        if (status != HttpStatusCode.Created) throw Failed(HttpMethod.Post, Path, status, body);
        return (Read(body as JsonObject ?? throw new PullRequestException($"GitLab answered 201 to POST {Path} without a merge request in the body.")), true);
    }

    /// <summary>Nothing to do: a merge request takes its labels when it is created.</summary>
    public override void Label(PullRequest pullRequest, IReadOnlyList<string> labels) { }

    private static PullRequest Read(JsonObject mr) => new(mr["iid"]?.GetValue<int>() ?? 0, mr["web_url"]?.ToString() ?? "");
}
