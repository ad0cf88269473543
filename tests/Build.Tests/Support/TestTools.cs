using GitOps.Build.Tools;

namespace GitOps.Build.Tests.Support;

/// <summary>
/// Finds the pinned tools for tests the same way the build does (HELM/KUBECTL variable, PATH at the
/// pinned version, the repository's .tools cache, then the download sources), once per test run.
/// </summary>
public static class TestTools
{
    private static readonly Lazy<ResolvedTool> HelmTool = new(() => Resolve(ToolSpec.Helm));
    private static readonly Lazy<ResolvedTool> Helm4Tool = new(() => Resolve(ToolSpec.Helm4));
    private static readonly Lazy<ResolvedTool> KubectlTool = new(() => Resolve(ToolSpec.Kubectl));

    /// <summary>The helm the build renders and lints with by default (helm 3, as Argo CD): what the chart tests run.</summary>
    public static string Helm => HelmTool.Value.Path;
    /// <summary>The pinned helm 4 (--helm-version=4), installed only by the tests that compare the two.</summary>
    public static string Helm4 => Helm4Tool.Value.Path;
    public static string Kubectl => KubectlTool.Value.Path;

    /// <summary>The repository root: the folder holding Build.csproj, found upwards from the test binaries.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Build.csproj"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Build.csproj not found above " + AppContext.BaseDirectory);
        }
    }

    private static ResolvedTool Resolve(ToolSpec spec) =>
        PinnedTools.Create(RepoRoot).ResolveAsync(spec, configuredPath: null).GetAwaiter().GetResult();
}
