using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Chart;

/// <summary>The outcome of one helm run: exit code and both output streams.</summary>
public sealed record HelmResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything helm said, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the pinned helm binary through the build's own child-process runner (an argument list,
/// never a command string; time-limited), away from the user's helm repositories and caches.
/// </summary>
public static class HelmProcess
{
    public static Task<HelmResult> RunAsync(params string[] arguments) => RunWithAsync(global::GitOps.Build.Tests.Support.TestTools.Helm, arguments);

    /// <summary>A given helm binary (e.g. the pinned helm 4) instead of the default one.</summary>
    public static async Task<HelmResult> RunWithAsync(string helm, params string[] arguments)
    {
        // Keep helm away from the user's repositories and caches: renders must depend on the repository alone.
        var home = Path.Combine(Path.GetTempPath(), "gitops-chart-tests-helm");
        var result = await ChildProcessRunner.Default.RunAsync(new ProcessRequest(helm, arguments)
        {
            Environment = new Dictionary<string, string?>
            {
                ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
                ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
                ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
            },
        });
        return new HelmResult(result.ExitCode, result.Output, result.Error);
    }
}
