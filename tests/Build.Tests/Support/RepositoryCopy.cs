namespace GitOps.Build.Tests.Support;

/// <summary>
/// A throw-away copy of a repository that a test may change or damage: this repository's gitops/
/// and charts/ folders and its gitops-build.yaml (<see cref="OfRealRepository"/>) or a fixture folder (<see cref="Of"/>).
/// Every file and folder is copied, empty folders too; the copy is deleted on dispose.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy() { }

    public string Root { get; } = Directory.CreateTempSubdirectory("repo-copy-").FullName;

    /// <summary>The real repository's gitops/ and charts/, the folders the targets read and edit.</summary>
    public static RepositoryCopy OfRealRepository()
    {
        var copy = new RepositoryCopy();
        foreach (var folder in new[] { "gitops", "charts" }) CopyFolder(Path.Combine(TestTools.RepoRoot, folder), Path.Combine(copy.Root, folder));
        File.Copy(Path.Combine(TestTools.RepoRoot, global::GitOps.Build.Config.RepositoryConfig.FileName), Path.Combine(copy.Root, global::GitOps.Build.Config.RepositoryConfig.FileName));
        return copy;
    }

    /// <summary>Everything under <paramref name="source"/>, at the copy's root.</summary>
    public static RepositoryCopy Of(string source)
    {
        var copy = new RepositoryCopy();
        CopyFolder(source, copy.Root);
        return copy;
    }

    /// <summary>Makes the copy a git repository with everything committed (for targets that read or write git).</summary>
    public RepositoryCopy Committed()
    {
        LibGit2Sharp.Repository.Init(Root);
        using var repo = new LibGit2Sharp.Repository(Root);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var who = new LibGit2Sharp.Signature("Test Operator", "operator@example.invalid", DateTimeOffset.Now);
        repo.Commit("seed", who, who, new LibGit2Sharp.CommitOptions());
        return this;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    /// <summary>Replaces text that must be there (so a test cannot silently damage nothing).</summary>
    public void Replace(string relative, string from, string to)
    {
        var text = Read(relative);
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"{relative} does not contain: {from}");
        Write(relative, text.Replace(from, to, StringComparison.Ordinal));
    }

    public void Append(string relative, string text) => Write(relative, Read(relative).TrimEnd('\n') + "\n" + text);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
