using System.Diagnostics;

namespace GitOps.Build.Tests.Support;

/// <summary>The build program as the test project built it (its Build.dll with the test project's dependency set), run as a child process.</summary>
public static class BuildProgram
{
    /// <summary>How to start it with <paramref name="args"/>; standard output and error piped.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        var bin = AppContext.BaseDirectory;
        foreach (var arg in new[] { "exec", "--runtimeconfig", Path.Combine(bin, "Build.Tests.runtimeconfig.json"), "--depsfile", Path.Combine(bin, "Build.Tests.deps.json"),
                     Path.Combine(bin, "Build.dll") }.Concat(args))
            start.ArgumentList.Add(arg);
        start.Environment["GITOPS_BUILD_ROOT"] = TestTools.RepoRoot;
        return start;
    }

    /// <summary>Runs it to the end (capped at 3 minutes): its exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(entireProcessTree: true); Assert.Fail("the run did not end"); }
        return (process.ExitCode, output.Result + error.Result);
    }
}
