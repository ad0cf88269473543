using LibGit2Sharp;

namespace GitOps.Build.Git;

/// <summary>A remote of a git repository, as its configuration names it (<c>url.*.insteadOf</c> applied).</summary>
public sealed record GitRemote(string Name, string Url);

/// <summary>
/// The remotes of the git repository holding a folder: read from its configuration
/// (.git/config, with LibGit2Sharp, in process), nothing fetched, no network. Which URL a
/// repository is known by is decided from them (see the repository loader).
/// </summary>
public static class GitRemotes
{
    /// <summary>The remotes of the repository holding <paramref name="path"/>, origin first; none when it is in no git repository.</summary>
    public static IReadOnlyList<GitRemote> Of(string path)
    {
        try
        {
            if (Repository.Discover(Path.GetFullPath(path)) is not { } gitDir) return [];
            using var repo = new Repository(gitDir);
            return repo.Network.Remotes
                .Where(r => !string.IsNullOrWhiteSpace(r.Url))
                .Select(r => new GitRemote(r.Name, r.Url))
                .OrderBy(r => r.Name == "origin" ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (LibGit2SharpException)
        {
            return []; // a repository git cannot read: its remotes are unknown, as with none
        }
    }
}
