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

    public void Dispose()
    {
        // git marks objects read-only; clear that so the folder can be removed.
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Root, recursive: true);
    }
}
