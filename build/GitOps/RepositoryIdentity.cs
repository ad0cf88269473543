using GitOps.Build.Git;
using GitOps.Build.Primitives;

namespace GitOps.Build.GitOps;

/// <summary>
/// Which repository URLs mean "this repository": a source or git generator naming one of them is
/// read from the working tree, any other is another repository's (reported, never read from here).
/// Decided from the clone's own git remotes and the roots: when a root names a remote, the
/// remotes are this repository (and <see cref="Url"/> is the roots' spelling of it); when no root
/// names one (a fork, a mirror, no remote at all), the URL the roots use most for a path that
/// exists here counts too. URLs compare as one repository whatever the transport
/// (<see cref="RepoUrl.Same"/>: https and ssh, .git, trailing '/', case).
/// </summary>
public sealed class RepositoryIdentity
{
    private RepositoryIdentity(string url, IReadOnlyList<string> urls, IReadOnlyList<GitRemote> remotes, bool fromRemote)
    {
        Url = url;
        Urls = urls;
        Remotes = remotes;
        FromRemote = fromRemote;
    }

    /// <summary>The URL as the repository's Applications spell it (else its first remote's): what messages name.</summary>
    public string Url { get; }

    /// <summary>Every URL that counts as this repository.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>The clone's git remotes (none outside a git repository).</summary>
    public IReadOnlyList<GitRemote> Remotes { get; }

    /// <summary>True when a root names one of the remotes (so the remotes alone decide).</summary>
    public bool FromRemote { get; }

    /// <summary>Whether <paramref name="url"/> is this repository.</summary>
    public bool Contains(string url) => Urls.Any(u => RepoUrl.Same(u, url));

    /// <summary>One URL only (tests, and a model read without git).</summary>
    public static RepositoryIdentity Of(string url) => new(url, [url], [], fromRemote: false);

    /// <param name="named">Every repoURL the roots name, most used first (git generators' and templates' too).</param>
    /// <param name="fromRoots">The URL the roots use most for a path that exists here; null when they name none.</param>
    /// <returns>Null when neither a remote nor a root names a repository.</returns>
    public static RepositoryIdentity? Decide(IReadOnlyList<GitRemote> remotes, IReadOnlyList<string> named, string? fromRoots)
    {
        var remoteUrls = remotes.Select(r => r.Url).ToList();
        var namedRemote = named.FirstOrDefault(u => remoteUrls.Any(r => RepoUrl.Same(r, u)));
        if (namedRemote != null) return new RepositoryIdentity(namedRemote, [namedRemote, .. remoteUrls], remotes, fromRemote: true);
        var url = fromRoots ?? remoteUrls.Select(RepoUrl.Display).FirstOrDefault();
        return url == null ? null : new RepositoryIdentity(url, [url, .. remoteUrls], remotes, fromRemote: false);
    }

    /// <summary>
    /// The run's one line saying which URL counts as this repository, and why (credentials in a remote's URL never
    /// shown). What counting means (any https or ssh form; sources elsewhere reported) is in the README, not on every run.
    /// </summary>
    public string Describe()
    {
        var remotes = string.Join(", ", Remotes.Select(r => $"{r.Name} {RepoUrl.Display(r.Url)}"));
        var why = FromRemote
            ? $"the root names git remote {remotes}"
            : Remotes.Count == 0
                ? "named by the root; no git remote"
                : $"named by the root; git remotes {remotes} count too";
        return $"this repository: {RepoUrl.Display(Url)} ({why})";
    }
}
