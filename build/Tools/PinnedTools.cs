namespace GitOps.Build.Tools;

/// <summary>The resolver as the build and the tests use it: the real sources, in order.</summary>
public static class PinnedTools
{
    /// <summary>The project's cache of pinned tools (git-ignored).</summary>
    public static string CacheRoot(string repositoryRoot) => Path.Combine(repositoryRoot, ".tools");

    public static ToolResolver Create(string repositoryRoot, Action<string>? progress = null)
    {
        var cache = CacheRoot(repositoryRoot);
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) { Timeout = TimeSpan.FromMinutes(10) };
        IToolSource[] sources = [new OfficialReleaseSource(http), new NpmPackageSource(Path.Combine(cache, "downloads"))];
        return new ToolResolver(cache, sources, new ProcessVersionProbe(), progress);
    }
}
