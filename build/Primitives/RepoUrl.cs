namespace GitOps.Build.Primitives;

/// <summary>
/// Git repository URLs: in Argo CD's normal form (what an AppProject's sourceRepos is matched
/// against), and as the repository they name whatever the transport (what "is this source this
/// repository" asks: a clone's remote is often ssh where Argo CD's repoURL is https).
/// </summary>
public static class RepoUrl
{
    /// <summary>
    /// Argo CD's normal form (documented with its SameURL: case and surrounding space do not
    /// count, <c>git@host:path</c> is the ssh URL <c>git@host/path</c>, a trailing <c>.git</c> does
    /// not count): trimmed, lower-cased, an scp-like address's first ':' made a '/', the
    /// <c>ssh://</c> scheme dropped, a trailing <c>.git</c> dropped. A trailing '/' is kept, as there.
    /// </summary>
    public static string Normalize(string url)
    {
        var u = url.Trim().ToLowerInvariant();
        if (IsSsh(u) && !u.StartsWith("ssh://", StringComparison.Ordinal))
        {
            var colon = u.IndexOf(':');
            if (colon >= 0) u = u[..colon] + "/" + u[(colon + 1)..];
        }
        if (u.StartsWith("ssh://", StringComparison.Ordinal)) u = u["ssh://".Length..];
        return u.EndsWith(".git", StringComparison.Ordinal) ? u[..^4] : u;
    }

    /// <summary>
    /// The repository <paramref name="url"/> names, whatever the transport: host and path,
    /// lower-cased, without scheme, user, password, port, trailing '/' or <c>.git</c>.
    /// <c>https://github.com/Org/Repo.git</c>, <c>git@github.com:org/repo</c> and
    /// <c>ssh://git@github.com:22/org/repo/</c> are all <c>github.com/org/repo</c>. Empty for an empty URL.
    /// </summary>
    public static string Repository(string url)
    {
        var u = url.Trim().ToLowerInvariant();
        if (u.Length == 0) return "";
        string authority, path;
        if (u.IndexOf("://", StringComparison.Ordinal) is var scheme && scheme >= 0)
        {
            var rest = u[(scheme + 3)..];
            var slash = rest.IndexOf('/');
            (authority, path) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        }
        else if (IsSsh(u))
        {
            // user@host:path (scp-like): the first ':' after the user ends the host.
            var colon = u.IndexOf(':', u.LastIndexOf('@'));
            (authority, path) = colon < 0 ? (u, "") : (u[..colon], u[(colon + 1)..]);
        }
        else return Trimmed(u);
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.LastIndexOf(':') is var c && c >= 0 && !host.EndsWith(']'))
        {
            // host:port is dropped; ssh://git@host:owner/repo (scp-like after the scheme) keeps owner as path.
            if (!Port(host[(c + 1)..])) path = host[(c + 1)..] + (path.Length > 0 ? "/" + path : "");
            host = host[..c];
        }
        return Trimmed(host + "/" + path.TrimStart('/'));
    }

    /// <summary>
    /// A remote's host and repository path (owner/name, or group/sub/project) as <see cref="Repository"/> gives them:
    /// what a pull request's service and repository default to. Null for a local path or a file:// URL, which name no host.
    /// </summary>
    public static (string Host, string Path)? HostAndPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var u = url.Trim().ToLowerInvariant();
        if (u.StartsWith("file://", StringComparison.Ordinal) || (!u.Contains("://", StringComparison.Ordinal) && !IsSsh(u))) return null;
        var repository = Repository(u);
        var slash = repository.IndexOf('/');
        return slash <= 0 || slash == repository.Length - 1 ? null : (repository[..slash], repository[(slash + 1)..]);
    }

    /// <summary>Two URLs name the same repository (<see cref="Repository"/>), whatever the transport.</summary>
    public static bool Same(string a, string b) => Repository(a) is { Length: > 0 } left && left == Repository(b);

    /// <summary>
    /// The URL without the user and password a URL with a scheme may carry (an https remote may hold
    /// a token): what a log line or message shows. An scp-like <c>git@host:path</c> keeps its user.
    /// </summary>
    public static string Display(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url;
        var start = scheme + 3;
        var end = url.IndexOf('/', start) is var s && s >= 0 ? s : url.Length;
        var at = end > start ? url.LastIndexOf('@', end - 1, end - start) : -1;
        return at < 0 ? url : url[..start] + url[(at + 1)..];
    }

    /// <summary>
    /// Argo CD's test for an ssh URL (IsSSHURL): an optional <c>ssh://</c>, a user without '/' or
    /// ':' (it may hold '@', as in john@doe.org@host), '@', then a host and path without '@'.
    /// </summary>
    private static bool IsSsh(string url)
    {
        var rest = url.StartsWith("ssh://", StringComparison.Ordinal) ? url["ssh://".Length..] : url;
        var at = rest.LastIndexOf('@');
        return at >= 0 && at < rest.Length - 1 && rest[..at].IndexOfAny(['/', ':']) < 0;
    }

    private static bool Port(string text) => text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit);

    private static string Trimmed(string u)
    {
        u = u.TrimEnd('/');
        return u.EndsWith(".git", StringComparison.Ordinal) ? u[..^4].TrimEnd('/') : u;
    }
}
