namespace GitOps.Build.Tests.Sealing;

/// <summary>A throw-away copy of the repository's gitops/ and charts/ folders, for targets that edit values files.</summary>
internal sealed class SealingRepositoryCopy : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("sealing-repo-").FullName;

    public SealingRepositoryCopy()
    {
        foreach (var folder in new[] { "gitops", "charts" })
            CopyFolder(Path.Combine(Support.TestTools.RepoRoot, folder), Path.Combine(Root, folder));
    }

    public string DevValues => Path.Combine(Root, "gitops", "apps", "ontu-schedule-bot-admin", "values-dev.yaml");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
