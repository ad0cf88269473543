// ============================================================================================
// TEST DOUBLE - NOT A CONFORMANCE IMPLEMENTATION.
// An in-process stand-in for the few REST calls Promote --pull-request makes, written from the services'
// documentation: GitHub's "Create a pull request" (POST /repos/{owner}/{repo}/pulls: 201 with the pull
// request; 422 "Validation Failed" with errors [{resource: PullRequest, code: custom, message: "A pull
// request already exists for owner:branch."}] when one is open for the head, field head/base "invalid"
// when the branch does not exist; 401 "Bad credentials"), "List pull requests" (GET .../pulls?state=open
// &head=owner:branch&base=...), "Add labels to an issue" (POST /repos/{owner}/{repo}/issues/{n}/labels);
// GitLab's "Create MR" (POST /api/v4/projects/:id/merge_requests: 201; 409 with message ["Another open
// merge request already exists for this source branch: !n"]; 400 {"error": "title is missing"}; 401
// {"message": "401 Unauthorized"}), "List project merge requests" (GET ...?state=opened&source_branch=
// &target_branch=). Branches are looked up in a bare git repository standing for the remote. No
// pagination, no rate limits, no permissions beyond one token. Behaviour proven here is proven against
// the real GitHub only by the opt-in test (GitHubPullRequestLiveTests).
// ============================================================================================
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Build.Tests.Promotion;

/// <summary>One request as the stand-in saw it: everything the client sent, headers included, for the tests to look through.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A pull request (GitHub) or merge request (GitLab) the stand-in holds.</summary>
public sealed record StoredPullRequest(int Number, string Head, string Base, string Title, string Body, List<string> Labels)
{
    public string State { get; set; } = "open";
}

/// <summary>Serves GitHub's API at its root and GitLab's under /api/v4, on 127.0.0.1 (a random port), over one bare "remote" repository.</summary>
public sealed class HostingApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _token;
    private readonly string _remote;

    private HostingApiStandIn(string token, string remote, string owner, string repository)
    {
        _token = token;
        _remote = remote;
        Owner = owner;
        RepositoryName = repository;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string Owner { get; }
    public string RepositoryName { get; }

    /// <summary>Every request, in arrival order.</summary>
    public List<RecordedRequest> Requests { get; } = [];

    public List<StoredPullRequest> PullRequests { get; } = [];

    /// <summary>When set, the next list call answers an empty list (a pull request opened by someone else between the client's look and its create).</summary>
    public bool HideOpenFromNextList { get; set; }

    /// <summary>When set, label calls answer 403 (a token without the issues permission).</summary>
    public bool RefuseLabels { get; set; }

    public Uri GitHubApi { get; private set; } = null!;
    public Uri GitLabApi => new(GitHubApi, "/api/v4");

    /// <param name="remote">The bare repository standing for the hosted one: a pull request's branches must exist in it.</param>
    public static async Task<HostingApiStandIn> StartAsync(string token, string remote, string owner = "acme", string repository = "web")
    {
        var standIn = new HostingApiStandIn(token, remote, owner, repository);
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.GitHubApi = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return standIn;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        lock (Requests)
            Requests.Add(new RecordedRequest(ctx.Request.Method, target, ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
        var segments = target.Split('?')[0].Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var (status, json) = segments is ["api", "v4", ..] ? GitLab(ctx, segments[2..], body) : GitHub(ctx, segments, body);
        ctx.Response.StatusCode = (int)status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(json.ToJsonString());
    }

    // ---- GitHub ------------------------------------------------------------------------------------------

    private (HttpStatusCode, JsonNode) GitHub(HttpContext ctx, string[] path, string body)
    {
        var auth = ctx.Request.Headers.Authorization.ToString();
        if (auth != $"Bearer {_token}" && auth != $"token {_token}")
            return (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest", ["status"] = "401" });
        if (path is not ["repos", var owner, var repo, ..] || owner != Owner || repo != RepositoryName)
            return NotFound();
        lock (PullRequests)
        {
            switch (ctx.Request.Method, path[3..])
            {
                case ("GET", ["pulls"]):
                {
                    var q = ctx.Request.Query;
                    var hide = HideOpenFromNextList;
                    HideOpenFromNextList = false;
                    var found = PullRequests.Where(p => !hide && (q["state"].ToString() is "" or "all" || p.State == q["state"].ToString())
                        && (q["head"].ToString() is "" || $"{Owner}:{p.Head}" == q["head"].ToString())
                        && (q["base"].ToString() is "" || p.Base == q["base"].ToString()));
                    return (HttpStatusCode.OK, new JsonArray(found.Select(p => (JsonNode)GitHubPull(p)).ToArray()));
                }
                case ("POST", ["pulls"]):
                {
                    var request = JsonNode.Parse(body) as JsonObject ?? new JsonObject();
                    var (head, @base, title) = (request["head"]?.ToString(), request["base"]?.ToString(), request["title"]?.ToString());
                    if (head is null || @base is null) return Invalid(head is null ? "head" : "base", "missing_field");
                    if (!BranchExists(head)) return Invalid("head", "invalid");
                    if (!BranchExists(@base)) return Invalid("base", "invalid");
                    if (PullRequests.Any(p => p.State == "open" && p.Head == head && p.Base == @base))
                        return (HttpStatusCode.UnprocessableEntity, new JsonObject
                        {
                            ["message"] = "Validation Failed",
                            ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = $"A pull request already exists for {Owner}:{head}." }),
                            ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                            ["status"] = "422",
                        });
                    var pr = new StoredPullRequest(PullRequests.Count + 1, head, @base, title ?? "", request["body"]?.ToString() ?? "", []);
                    PullRequests.Add(pr);
                    return (HttpStatusCode.Created, GitHubPull(pr));
                }
                case ("POST", ["issues", var number, "labels"]):
                {
                    if (PullRequests.FirstOrDefault(p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == number) is not { } pr) return NotFound();
                    if (RefuseLabels)
                        return (HttpStatusCode.Forbidden, new JsonObject { ["message"] = "Resource not accessible by integration", ["documentation_url"] = "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue", ["status"] = "403" });
                    var labels = (JsonNode.Parse(body)?["labels"] as JsonArray)?.Select(l => l!.ToString()) ?? [];
                    foreach (var label in labels.Where(l => !pr.Labels.Contains(l))) pr.Labels.Add(label);
                    return (HttpStatusCode.OK, new JsonArray(pr.Labels.Select((l, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["name"] = l, ["default"] = false }).ToArray()));
                }
                default:
                    return NotFound();
            }
        }
    }

    private JsonObject GitHubPull(StoredPullRequest p) => new()
    {
        ["url"] = new Uri(GitHubApi, $"/repos/{Owner}/{RepositoryName}/pulls/{p.Number}").ToString(),
        ["id"] = 1000 + p.Number,
        ["number"] = p.Number,
        ["state"] = p.State,
        ["title"] = p.Title,
        ["body"] = p.Body,
        ["html_url"] = $"https://github.example/{Owner}/{RepositoryName}/pull/{p.Number}",
        ["head"] = new JsonObject { ["ref"] = p.Head, ["label"] = $"{Owner}:{p.Head}" },
        ["base"] = new JsonObject { ["ref"] = p.Base, ["label"] = $"{Owner}:{p.Base}" },
        ["labels"] = new JsonArray(p.Labels.Select(l => (JsonNode)new JsonObject { ["name"] = l }).ToArray()),
    };

    private static (HttpStatusCode, JsonNode) Invalid(string field, string code) => (HttpStatusCode.UnprocessableEntity, new JsonObject
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = field, ["code"] = code }),
        ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        ["status"] = "422",
    });

    private static (HttpStatusCode, JsonNode) NotFound() =>
        (HttpStatusCode.NotFound, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest", ["status"] = "404" });

    // ---- GitLab ------------------------------------------------------------------------------------------

    private (HttpStatusCode, JsonNode) GitLab(HttpContext ctx, string[] path, string body)
    {
        var token = ctx.Request.Headers["PRIVATE-TOKEN"].ToString();
        if (token != _token && ctx.Request.Headers.Authorization.ToString() != $"Bearer {_token}")
            return (HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "401 Unauthorized" });
        if (path is not ["projects", var project, "merge_requests"] || (project != $"{Owner}/{RepositoryName}" && project != "42"))
            return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "404 Project Not Found" });
        lock (PullRequests)
        {
            if (ctx.Request.Method == "GET")
            {
                var q = ctx.Request.Query;
                var hide = HideOpenFromNextList;
                HideOpenFromNextList = false;
                var found = PullRequests.Where(p => !hide && (q["state"].ToString() is "" or "all" || (q["state"] == "opened" && p.State == "open"))
                    && (q["source_branch"].ToString() is "" || p.Head == q["source_branch"].ToString())
                    && (q["target_branch"].ToString() is "" || p.Base == q["target_branch"].ToString()));
                return (HttpStatusCode.OK, new JsonArray(found.Select(p => (JsonNode)GitLabMerge(p)).ToArray()));
            }
            var request = JsonNode.Parse(body) as JsonObject ?? new JsonObject();
            foreach (var required in new[] { "source_branch", "target_branch", "title" })
                if (request[required]?.ToString() is null or "") return (HttpStatusCode.BadRequest, new JsonObject { ["error"] = $"{required} is missing" });
            var (head, @base) = (request["source_branch"]!.ToString(), request["target_branch"]!.ToString());
            if (!BranchExists(head) || !BranchExists(@base))
                return (HttpStatusCode.NotFound, new JsonObject { ["message"] = "404 Branch Not Found" });
            if (PullRequests.FirstOrDefault(p => p.State == "open" && p.Head == head && p.Base == @base) is { } open)
                return (HttpStatusCode.Conflict, new JsonObject { ["message"] = new JsonArray($"Another open merge request already exists for this source branch: !{open.Number}") });
            var labels = (request["labels"]?.ToString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var mr = new StoredPullRequest(PullRequests.Count + 1, head, @base, request["title"]!.ToString(), request["description"]?.ToString() ?? "", labels);
            PullRequests.Add(mr);
            return (HttpStatusCode.Created, GitLabMerge(mr));
        }
    }

    private JsonObject GitLabMerge(StoredPullRequest p) => new()
    {
        ["id"] = 5000 + p.Number,
        ["iid"] = p.Number,
        ["project_id"] = 42,
        ["title"] = p.Title,
        ["description"] = p.Body,
        ["state"] = p.State == "open" ? "opened" : p.State,
        ["source_branch"] = p.Head,
        ["target_branch"] = p.Base,
        ["labels"] = new JsonArray(p.Labels.Select(l => (JsonNode)l).ToArray()),
        ["web_url"] = $"https://gitlab.example/{Owner}/{RepositoryName}/-/merge_requests/{p.Number}",
    };

    private bool BranchExists(string branch)
    {
        using var repo = new Repository(_remote);
        return repo.Branches[branch] is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
