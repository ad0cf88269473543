namespace GitOps.Build.Config;

/// <summary>
/// Which hosts a run may make its children (helm, kubectl kustomize, the git kustomize runs) fetch
/// from. A repository names remote charts and kustomize bases, and a pull request can name any
/// address (127.0.0.1, a cloud metadata service), so nothing is fetched from a host the operator did
/// not allow: <c>--offline</c> allows none; otherwise only <c>network.allowedHosts</c> of
/// gitops-build.yaml (default: none). A remote that is not allowed is reported (REMOTE-CHART,
/// REMOTE-RESOURCE) and its unit is not run. Offline, the children also get proxy variables that
/// point at a closed port, so that nothing a check missed reaches the network.
/// </summary>
public sealed record FetchPolicy(bool Offline, IReadOnlyList<string> AllowedHosts)
{
    /// <summary>Nothing is fetched.</summary>
    public static FetchPolicy None { get; } = new(true, []);

    /// <summary>A closed port on this machine: a child that tries a proxy there fails at once.</summary>
    private const string DeadProxy = "http://127.0.0.1:9";

    /// <summary>
    /// The host a remote reference names: a URL's (http, https, oci, ssh, git::…), an scp-like git
    /// address's (<c>git@host:org/repo</c>), or the first segment of a scheme-less one that reads as a
    /// host (<c>github.com/org/repo//path</c>, <c>registry.example.com/charts</c>); null when it names none.
    /// </summary>
    public static string? HostOf(string reference)
    {
        var text = reference.Trim();
        if (text.StartsWith("git::", StringComparison.Ordinal)) text = text[5..];
        if (text.Contains("://", StringComparison.Ordinal))
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.ToLowerInvariant() : null;
        var at = text.IndexOf('@');
        var colon = text.IndexOf(':');
        if (at > 0 && colon > at && !text[..colon].Contains('/')) return text[(at + 1)..colon].ToLowerInvariant(); // user@host:path
        // Scheme-less: a host name (a dotted name ending in a top-level domain) followed by a path.
        var slash = text.IndexOf('/');
        if (slash <= 0) return null;
        var host = text[..slash].Split(':')[0];
        var tld = host[(host.LastIndexOf('.') + 1)..];
        return host.Contains('.') && !host.StartsWith('.') && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') && tld.Length >= 2 && tld.All(char.IsAsciiLetter)
            ? host.ToLowerInvariant() : null;
    }

    /// <summary>Why <paramref name="reference"/> may not be fetched (offline, no host, a host not allowed); null when it may.</summary>
    public string? Refusal(string reference)
    {
        if (Offline) return "this run is --offline";
        if (HostOf(reference) is not { } host) return $"{reference} names no host this run may reach";
        return Allows(host) ? null
            : $"its host {host} is not in network.allowedHosts of gitops-build.yaml (nothing is fetched from a host it does not list)";
    }

    /// <summary>An allowed host: listed (case-insensitive), or under a listed <c>*.domain</c>.</summary>
    public bool Allows(string host) => AllowedHosts.Any(allowed =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>Offline: proxy variables for a child that send whatever it might fetch to a closed port (belt and braces: the checks come first).</summary>
    public void Apply(IDictionary<string, string?> environment)
    {
        if (!Offline) return;
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" }) environment[name] = DeadProxy;
        environment["NO_PROXY"] = environment["no_proxy"] = "";
        // git (kustomize clones remote bases with it) may use no transport at all.
        environment["GIT_ALLOW_PROTOCOL"] = "none";
        environment["GIT_TERMINAL_PROMPT"] = "0";
    }
}
