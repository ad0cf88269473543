using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Build.Git;

/// <summary>An open pull request (GitHub) or merge request (GitLab): its number and its page.</summary>
public sealed record PullRequest(int Number, string Url);

/// <summary>What to open: the branch with the change, the branch it goes into, title, body (Markdown) and labels.</summary>
public sealed record PullRequestDraft(string Head, string Base, string Title, string Body, IReadOnlyList<string> Labels);

/// <summary>The hosting service refused or failed a call; the message says which call, the status and the service's own words (never the token).</summary>
public sealed class PullRequestException(string message) : Exception(message);

/// <summary>
/// The few calls of a git hosting service's REST API a promotion through a pull request needs: find an open
/// one for a branch, open one (when one is already open for the branch, that one is found and returned), label it.
/// Over <see cref="HttpClient"/> with the token in the authorization header only: redirects are not followed
/// (a redirect must not carry the token elsewhere), and the token is never part of a message, a URL or a body.
/// <see cref="GitHubPullRequests"/> and <see cref="GitLabMergeRequests"/> are the two services; <see cref="PullRequestHosts"/>
/// builds one from what the CI system sets.
/// </summary>
public abstract class PullRequestHost
{
    private readonly HttpClient _http;
    private readonly string _token;

    /// <param name="api">The API's base address (https, or http on a loopback address for a stand-in), ending without '/'.</param>
    protected PullRequestHost(HttpClient http, Uri api, string token)
    {
        if (api.Scheme != Uri.UriSchemeHttps && !api.IsLoopback)
            throw new PullRequestException($"the API address {api} is not https; the token would travel in clear text. Give an https address.");
        _http = http;
        _token = token;
        Api = api;
    }

    public Uri Api { get; }

    /// <summary>"GitHub" or "GitLab", for messages.</summary>
    public abstract string Service { get; }

    /// <summary>"pull request" or "merge request".</summary>
    public abstract string Noun { get; }

    /// <summary>The open one whose head is <paramref name="head"/> and base <paramref name="base"/>; null when there is none.</summary>
    public abstract PullRequest? FindOpen(string head, string @base);

    /// <summary>Opens it; when one is already open for the branch (GitHub answers 422, GitLab 409), that one, not created.</summary>
    public abstract (PullRequest PullRequest, bool Created) Open(PullRequestDraft draft);

    /// <summary>Adds the labels (where the service does not take them with <see cref="Open"/>).</summary>
    public abstract void Label(PullRequest pullRequest, IReadOnlyList<string> labels);

    /// <summary>
    /// The token again for pushing the branch, when the remote is an https URL on this service's own host (GitHub's API
    /// at api.github.com serves github.com); null for any other remote, which then gets no token from here.
    /// </summary>
    public string? TokenForPush(string? remoteUrl) =>
        Uri.TryCreate(remoteUrl, UriKind.Absolute, out var remote) && remote.Scheme == Uri.UriSchemeHttps
        && string.Equals(remote.IdnHost, WebHost, StringComparison.OrdinalIgnoreCase) ? _token : null;

    /// <summary>The host the service's repositories are cloned from.</summary>
    protected virtual string WebHost => Api.IdnHost;

    /// <summary>Adds the service's authorization (and any headers it wants) to a request.</summary>
    protected abstract void Authorize(HttpRequestMessage request, string token);

    /// <summary>Sends one call; returns the status and the parsed JSON body (null when empty or not JSON).</summary>
    /// <exception cref="PullRequestException">The service could not be reached, or answered a redirect.</exception>
    protected (HttpStatusCode Status, JsonNode? Body) Send(HttpMethod method, string pathAndQuery, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(Api.AbsoluteUri.TrimEnd('/') + pathAndQuery));
        Authorize(request, _token);
        request.Headers.UserAgent.ParseAdd("gitops-build");
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new PullRequestException($"{Service} at {Api} could not be reached for {method} {Path(pathAndQuery)} ({e.Message}); check the address and the network.");
        }
        using (response)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if ((int)response.StatusCode is >= 300 and < 400)
                throw new PullRequestException($"{Service} answered {method} {Path(pathAndQuery)} with a redirect ({(int)response.StatusCode}); the token is not sent on. Give the API's own address.");
            JsonNode? json = null;
            try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { }
            return (response.StatusCode, json);
        }
    }

    /// <summary>A failed call in plain words: the call, the status, and what the service said (one line, short).</summary>
    protected PullRequestException Failed(HttpMethod method, string pathAndQuery, HttpStatusCode status, JsonNode? body)
    {
        var said = Said(body);
        var hint = (int)status switch
        {
            401 => " The token was not accepted: check that it is set and has not expired.",
            403 => $" The token may not do this: it needs write access to pull requests (GitHub: permissions pull-requests: write; GitLab: the api scope).",
            404 => " The repository or project was not found with this token: check the repository name and the token's access.",
            _ => "",
        };
        return new PullRequestException($"{Service} answered {(int)status} {status} to {method} {Path(pathAndQuery)}{(said.Length > 0 ? $": {said}" : "")}.{hint}");
    }

    /// <summary>What the service's error body says, as one short line.</summary>
    protected static string Said(JsonNode? body)
    {
        var parts = new List<string>();
        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonValue v: parts.Add(v.ToString()); break;
                case JsonArray a: foreach (var item in a) Collect(item); break;
                case JsonObject o:
                    if (o["message"] is { } m) Collect(m);
                    if (o["error"] is { } e) Collect(e);
                    if (o["errors"] is JsonArray errors) foreach (var item in errors) Collect(item is JsonObject eo ? eo["message"] ?? eo["code"] : item);
                    break;
            }
        }
        Collect(body);
        var line = string.Join("; ", parts.Where(p => p.Length > 0)).ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..297] + "...";
    }

    /// <summary>The path without its query, for messages.</summary>
    private static string Path(string pathAndQuery) => pathAndQuery.Split('?')[0];

    protected static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
