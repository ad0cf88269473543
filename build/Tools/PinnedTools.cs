using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tools;

/// <summary>The resolver as the build and the tests use it: the real sources, in order.</summary>
public static class PinnedTools
{
    /// <summary>The project's cache of pinned tools (git-ignored).</summary>
    public static string CacheRoot(string repositoryRoot) => Path.Combine(repositoryRoot, ".tools");

    /// <param name="runner">Runs npm and the version probes (default: the default limit, no cancellation).</param>
    public static ToolResolver Create(string repositoryRoot, Action<string>? progress = null, ChildProcessRunner? runner = null)
    {
        var cache = CacheRoot(repositoryRoot);
        // The HTTP client is made only when a download is needed: most runs find the tools cached.
        var http = new Lazy<HttpClient>(() => new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) { Timeout = TimeSpan.FromMinutes(10) });
        IToolSource[] sources = [new OfficialReleaseSource(() => http.Value), new NpmPackageSource(Path.Combine(cache, "downloads"), runner: runner)];
        return new ToolResolver(cache, sources, new CachedVersionProbe(new ProcessVersionProbe(runner), Path.Combine(cache, "probed-versions")), progress);
    }
}
