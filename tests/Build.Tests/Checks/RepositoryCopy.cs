using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// A temporary copy of a repository (the real one's gitops/ and charts/, or a fixture) that a
/// test may damage; deleted on dispose.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "checks-repo-" + Guid.NewGuid().ToString("N")[..8]);

    public static RepositoryCopy OfRealRepository()
    {
        var copy = new RepositoryCopy();
        foreach (var folder in new[] { "gitops", "charts" }) CopyDirectory(Path.Combine(TestTools.RepoRoot, folder), Path.Combine(copy.Root, folder));
        return copy;
    }

    public static RepositoryCopy Of(string source)
    {
        var copy = new RepositoryCopy();
        CopyDirectory(source, copy.Root);
        return copy;
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

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
