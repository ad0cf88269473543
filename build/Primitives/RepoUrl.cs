namespace GitOps.Build.Primitives;

/// <summary>Git repository URLs the way people write them (with or without .git, /; https, ssh or scp-like): compared, and split into host and path.</summary>
public static class RepoUrl
{
    public static string Normalize(string url) =>
        url.Trim().TrimEnd('/').ToLowerInvariant() is var u && u.EndsWith(".git") ? u[..^4] : url.Trim().TrimEnd('/').ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);

    /// <summary>A remote's host and repository path (owner/name, or group/sub/project), from https://host/path(.git), ssh://git@host/path or
    /// git@host:path (scp-like); null for a local path or anything else.</summary>
    public static (string Host, string Path)? HostAndPath(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        string host, path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            (host, path) = (uri.Host, uri.AbsolutePath.Trim('/'));
        }
        else if (url.IndexOf(':') is var colon and > 1 && !url.Contains("://", StringComparison.Ordinal)) // not C:\ (a Windows path)
        {
            var left = url[..colon];
            (host, path) = (left[(left.IndexOf('@') + 1)..], url[(colon + 1)..].Trim('/'));
        }
        else
        {
            return null;
        }
        if (path.EndsWith(".git", StringComparison.Ordinal)) path = path[..^4];
        return host.Length == 0 || path.Length == 0 ? null : (host, path);
    }
}
