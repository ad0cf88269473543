using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Cluster.Wait;

namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// The emulator scenarios against a real, disposable cluster (the CI job creates one with kind).
/// Opt-in: RUN_CLUSTER_TESTS=1 and KUBECONFIG. The Sealed Secrets controller must be installed for the key
/// tests (SEALED_SECRETS_NAMESPACE / SEALED_SECRETS_NAME, default kube-system / sealed-secrets-controller,
/// where the upstream controller.yaml puts it). Bootstrap installs the pinned Argo CD release, or
/// ARGOCD_MANIFEST when set, and syncs Argo CD's public example guestbook.
/// </summary>
[Collection("real cluster")] // one scenario at a time: they share the cluster
public sealed class RealClusterTests
{
    private static ClusterOptions Options(TimeSpan timeout) => new() { Timeout = timeout }; // KUBECONFIG from the environment

    private static ControllerLocation Controller => new()
    {
        Namespace = Environment.GetEnvironmentVariable("SEALED_SECRETS_NAMESPACE") ?? "kube-system",
        Service = Environment.GetEnvironmentVariable("SEALED_SECRETS_NAME") ?? "sealed-secrets-controller",
    };

    private static BootstrapOptions Bootstrap => new()
    {
        ArgoCdManifest = Environment.GetEnvironmentVariable("ARGOCD_MANIFEST"),
        ProjectFiles = [Path.Combine(ClusterTestBed.GitopsDir, "projects", "default.yaml")],
        RootAppFile = Path.Combine(ClusterTestBed.Fixtures, "real-cluster", "root-app.yaml"),
    };

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "real-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    [RealClusterFact]
    public async Task Bootstrap_then_rerun_changes_nothing()
    {
        var log = new RecordingLog();
        using var client = ClusterConnectionFactory.Create(Options(TimeSpan.FromMinutes(10)));

        var first = await new BootstrapOperation(client, Bootstrap, log, new SilentProgressView()).RunAsync();
        Assert.True(first.Applications.AllAutomatedGreen, first.Applications.NotGreenReport());

        var again = await new BootstrapOperation(client, Bootstrap, log, new SilentProgressView()).RunAsync();
        Assert.True(again.NothingChanged, string.Join("\n", again.Applied.Where(a => a.Outcome != ApplyOutcome.Unchanged)));
    }

    [RealClusterFact]
    public async Task A_missing_CRD_kind_is_a_permanent_error_naming_the_object()
    {
        using var client = ClusterConnectionFactory.Create(Options(TimeSpan.FromMinutes(1)));
        var doc = ClusterManifests.Read("apiVersion: example.invalid/v1\nkind: Nothing\nmetadata: {name: x, namespace: default}\n", "inline.yaml");

        var e = await Assert.ThrowsAsync<ClusterApiException>(() =>
            new ServerSideApply(client, new ResourceDiscovery(client)).ApplyAsync(doc, "default", CancellationToken.None));
        Assert.Contains("Nothing default/x", e.Message);
    }

    [RealClusterFact]
    public async Task Backup_restore_round_trip_is_verified_by_the_controller()
    {
        var dir = TempDir();
        var log = new RecordingLog();
        using var client = ClusterConnectionFactory.Create(Options(TimeSpan.FromMinutes(5)));
        var certPath = Path.Combine(dir, "cert.pem");
        await new FetchCertOperation(client, Controller, log).RunAsync(certPath);
        var sealedFile = TestKeys.WriteSealedSecret(dir, File.ReadAllText(certPath), "default", "e2e-secret");
        var backupPath = Path.Combine(dir, "keys.yaml");
        await new BackupKeyOperation(client, Controller, log, new SealingValueOpener()).RunAsync(backupPath, SealedValues.ReadSealedSecrets([sealedFile]));

        var result = await new RestoreKeyOperation(client, new RestoreKeyOptions { Input = backupPath, SealedSecrets = SealedValues.ReadSealedSecrets([sealedFile]), Controller = Controller }, log, new SealingValueOpener()).RunAsync();

        Assert.Equal(1, result.Verified);
        Assert.True(result.ServedKeyIsFromBackup, log.Text);
    }

    [RealClusterFact]
    public async Task Restore_with_a_backup_that_does_not_match_changes_nothing()
    {
        var dir = TempDir();
        var log = new RecordingLog();
        using var client = ClusterConnectionFactory.Create(Options(TimeSpan.FromMinutes(2)));
        var certPath = Path.Combine(dir, "cert.pem");
        await new FetchCertOperation(client, Controller, log).RunAsync(certPath);
        var sealedFile = TestKeys.WriteSealedSecret(dir, File.ReadAllText(certPath), "default", "e2e-secret");
        var (foreign, _) = TestKeys.WriteBackup(dir, "foreign");

        var e = await Assert.ThrowsAsync<ClusterException>(() =>
            new RestoreKeyOperation(client, new RestoreKeyOptions { Input = foreign, SealedSecrets = SealedValues.ReadSealedSecrets([sealedFile]), Controller = Controller }, log, new SealingValueOpener()).RunAsync());
        Assert.Contains("does not open", e.Message);
    }

    [RealClusterFact]
    public async Task Unreachable_cluster_fails_within_the_timeout()
    {
        var dir = TempDir();
        var kubeconfig = Emulator.KubeApiEmulator.WriteKubeconfig(dir, "https://127.0.0.1:1", "closed");
        using var client = ClusterConnectionFactory.Create(new ClusterOptions { KubeconfigPath = kubeconfig, Timeout = TimeSpan.FromSeconds(3) });

        var e = await Assert.ThrowsAsync<ClusterTimeoutException>(() => new FetchCertOperation(client, Controller, new RecordingLog()).RunAsync(Path.Combine(dir, "c.pem")));
        Assert.Contains("Cannot reach the cluster", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "c.pem")));
    }
}
