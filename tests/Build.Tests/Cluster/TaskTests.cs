using System.Diagnostics;

namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// The cluster targets run as the operator runs them: the compiled build program in a child process
/// against the emulator, judged by exit code and output.
/// </summary>
public sealed class TaskTests
{
    /// <summary>The build program in its own output folder (its dependencies differ from the test's).</summary>
    private static string BuildProgram
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfm.Parent!.Name;
            return Path.Combine(Support.TestTools.RepoRoot, "bin", configuration, tfm.Name, "Build.dll");
        }
    }

    private static async Task<(int Exit, string Output)> RunBuildAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuildProgram);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cap = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // bounds a hung run only; --timeout ends a slow one first
        try
        {
            await process.WaitForExitAsync(cap.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"build {string.Join(' ', args)} did not exit within 3 minutes:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Bootstrap_target_exits_zero_when_the_automated_apps_are_green_and_rerun_says_nothing_changed()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        string[] args = ["--target=Bootstrap", $"--root={ClusterTestBed.Fixtures}", $"--kubeconfig={bed.Kubeconfig}",
            $"--argocd-manifest={Path.Combine(ClusterTestBed.Fixtures, "argocd-install.yaml")}", "--timeout=90s"];

        var (exit, output) = await RunBuildAsync(args);
        Assert.True(exit == 0, output);
        Assert.Contains("Bootstrap done", output);
        Assert.Contains("application guestbook-prod: OutOfSync/Missing (waiting for approval)", output);

        var (again, second) = await RunBuildAsync(args);
        Assert.True(again == 0, second);
        Assert.Contains("Cluster already bootstrapped: nothing changed", second);
    }

    [Fact]
    public async Task Bootstrap_target_fails_with_a_non_zero_exit_and_the_message_on_a_403()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Forbid("/namespaces/argocd/configmaps/argocd-cm");

        var (exit, output) = await RunBuildAsync("--target=Bootstrap", $"--root={ClusterTestBed.Fixtures}", $"--kubeconfig={bed.Kubeconfig}",
            $"--argocd-manifest={Path.Combine(ClusterTestBed.Fixtures, "argocd-install.yaml")}", "--timeout=30s");

        Assert.NotEqual(0, exit);
        Assert.Contains("Forbidden: cannot read ConfigMap argocd/argocd-cm", output);
    }

    [Fact]
    public async Task BackupKey_target_requires_output_and_FetchCert_target_writes_the_certificate()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.SealedSecrets.Install();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");

        var (exit, output) = await RunBuildAsync("--target=BackupKey", $"--root={ClusterTestBed.Fixtures}", $"--kubeconfig={bed.Kubeconfig}");
        Assert.NotEqual(0, exit);
        Assert.Contains("--output is required", output);

        var cert = Path.Combine(bed.Dir, "cert.pem");
        (exit, output) = await RunBuildAsync("--target=FetchCert", $"--root={ClusterTestBed.Fixtures}", $"--kubeconfig={bed.Kubeconfig}", $"--output={cert}");
        Assert.True(exit == 0, output);
        Assert.Equal(bed.Emulator.SealedSecrets.ServedCertificatePem, File.ReadAllText(cert));
    }

    [Fact]
    public async Task BackupKey_then_RestoreKey_targets_round_trip_and_restart_the_controller()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.SealedSecrets.Install();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");
        var backup = Path.Combine(bed.Dir, "keys.yaml");
        string[] common = [$"--root={ClusterTestBed.Fixtures}", $"--kubeconfig={bed.Kubeconfig}", "--timeout=60s"];

        var (exit, output) = await RunBuildAsync([.. common, "--target=BackupKey", $"--output={backup}"]);
        Assert.True(exit == 0, output);
        Assert.Contains("Backed up 1 key(s)", output);
        Assert.DoesNotContain("PRIVATE KEY", output);

        (exit, output) = await RunBuildAsync([.. common, "--target=RestoreKey", $"--input={backup}"]);
        Assert.True(exit == 0, output);
        Assert.Contains("Controller restarted and ready", output);
        Assert.Contains("The controller serves the certificate of backup key", output);
        Assert.Equal(2, bed.Emulator.SealedSecrets.Starts);
    }
}
