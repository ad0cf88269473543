using LibGit2Sharp;

namespace GitOps.Build.Tests.Promotion;

/// <summary>A throw-away git repository with a local identity, built with LibGit2Sharp (no global git config needed).</summary>
internal sealed class TempGitRepository : IDisposable
{
    public TempGitRepository()
    {
        Root = Directory.CreateTempSubdirectory("promote-repo-").FullName;
        Repository.Init(Root);
        using var repo = new Repository(Root);
        repo.Config.Set("user.name", "Test Operator", ConfigurationLevel.Local);
        repo.Config.Set("user.email", "operator@example.invalid", ConfigurationLevel.Local);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Stages everything and commits; returns the sha.</summary>
    public string CommitAll(string message)
    {
        using var repo = new Repository(Root);
        Commands.Stage(repo, "*");
        var who = new Signature("Test Operator", "operator@example.invalid", DateTimeOffset.Now);
        return repo.Commit(message, who, who).Sha;
    }

    public int CommitCount()
    {
        using var repo = new Repository(Root);
        return repo.Head.Tip is null ? 0 : repo.Commits.Count();
    }

    /// <summary>HEAD's sha, subject, full message and author name (read eagerly: the repository handle is closed after).</summary>
    public (string Sha, string MessageShort, string Message, string AuthorName) Head()
    {
        using var repo = new Repository(Root);
        var tip = repo.Head.Tip;
        return (tip.Sha, tip.MessageShort, tip.Message, tip.Author.Name);
    }

    /// <summary>Paths changed by HEAD against its parent, with the changed lines.</summary>
    public (IReadOnlyList<string> Files, int LinesAdded, int LinesDeleted) HeadChanges()
    {
        using var repo = new Repository(Root);
        var tip = repo.Head.Tip;
        var patch = repo.Diff.Compare<Patch>(tip.Parents.First().Tree, tip.Tree);
        return (patch.Select(p => p.Path).ToList(), patch.LinesAdded, patch.LinesDeleted);
    }

    /// <summary>The bare repository <see cref="AddRemote"/> made, or null.</summary>
    public string? RemotePath { get; private set; }

    /// <summary>
    /// A bare repository as remote "origin", with the current branch pushed to it and set as upstream
    /// (what git clone leaves behind). Returns the remote's path; removed with this repository.
    /// </summary>
    public string AddRemote()
    {
        RemotePath = Directory.CreateTempSubdirectory("promote-remote-").FullName;
        Repository.Init(RemotePath, isBare: true);
        using var repo = new Repository(Root);
        var remote = repo.Network.Remotes.Add("origin", RemotePath);
        repo.Network.Push(remote, $"{repo.Head.CanonicalName}:{repo.Head.CanonicalName}");
        repo.Branches.Update(repo.Head, b => b.Remote = "origin", b => b.UpstreamBranch = repo.Head.CanonicalName);
        return RemotePath;
    }

    /// <summary>Commits <paramref name="relative"/> to the remote's branch from another clone (someone else pushing).</summary>
    public void PushFromAnotherClone(string relative, string content, string message)
    {
        var clonePath = Directory.CreateTempSubdirectory("promote-clone-").FullName;
        try
        {
            Repository.Clone(RemotePath!, clonePath);
            using var clone = new Repository(clonePath);
            var path = Path.Combine(clonePath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            Commands.Stage(clone, relative);
            var who = new Signature("Someone Else", "else@example.invalid", DateTimeOffset.Now);
            clone.Commit(message, who, who);
            clone.Network.Push(clone.Head);
        }
        finally
        {
            DeleteFolder(clonePath);
        }
    }

    /// <summary>
    /// Everything a promotion could touch, as one comparable text: HEAD (branch or detached), every local ref,
    /// the index entries, the working tree's files (ignored included, .git excluded) and the remote's refs.
    /// <paramref name="withRemoteTracking"/> false leaves out refs/remotes/ (which a fetch moves).
    /// </summary>
    public string State(bool withRemoteTracking = true)
    {
        var lines = new List<string>();
        using (var repo = new Repository(Root))
        {
            lines.Add($"HEAD {(repo.Info.IsHeadDetached ? "detached" : repo.Head.CanonicalName)} {repo.Head.Tip?.Sha}");
            lines.AddRange(repo.Refs.Where(r => withRemoteTracking || !r.CanonicalName.StartsWith("refs/remotes/", StringComparison.Ordinal))
                .Select(r => $"ref {r.CanonicalName} {r.TargetIdentifier}").Order(StringComparer.Ordinal));
            lines.AddRange(repo.Index.Select(e => $"index {e.Path} {e.Id} {e.Mode}").Order(StringComparer.Ordinal));
        }
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetRelativePath(Root, f).StartsWith(".git", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
            lines.Add($"file {Path.GetRelativePath(Root, file)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))}");
        if (RemotePath is not null)
        {
            using var remote = new Repository(RemotePath);
            lines.AddRange(remote.Refs.Select(r => $"remote {r.CanonicalName} {r.TargetIdentifier}").Order(StringComparer.Ordinal));
        }
        return string.Join("\n", lines);
    }

    public void Dispose()
    {
        if (RemotePath is not null) DeleteFolder(RemotePath);
        DeleteFolder(Root);
    }

    private static void DeleteFolder(string folder)
    {
        // git marks objects read-only; clear that so the folder can be removed.
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(folder, recursive: true);
    }
}
