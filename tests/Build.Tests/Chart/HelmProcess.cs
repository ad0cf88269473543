using System.Diagnostics;

namespace GitOps.Build.Tests.Chart;

/// <summary>The outcome of one helm run: exit code and both output streams.</summary>
public sealed record HelmResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything helm said, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>
/// Runs the pinned helm binary with an argument list (never a command string:
/// no shell, no quoting bugs), reading stdout and stderr concurrently so a full
/// pipe can never block the child.
/// </summary>
public static class HelmProcess
{
    public static Task<HelmResult> RunAsync(params string[] arguments) => RunWithAsync(global::GitOps.Build.Tests.Support.TestTools.Helm, arguments);

    /// <summary>A given helm binary (e.g. the pinned helm 4) instead of the default one.</summary>
    public static async Task<HelmResult> RunWithAsync(string helm, params string[] arguments)
    {
        var start = new ProcessStartInfo(helm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Keep helm away from the user's repositories and caches: renders must
        // depend on the repository alone.
        var home = Path.Combine(Path.GetTempPath(), "gitops-chart-tests-helm");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("helm did not start: " + start.FileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new HelmResult(process.ExitCode, await stdout, await stderr);
    }
}
