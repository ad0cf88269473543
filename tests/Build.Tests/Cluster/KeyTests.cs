using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Tests.Emulator;

namespace GitOps.Build.Tests.Cluster;

/// <summary>BackupKey, RestoreKey and FetchCert end to end: the disaster-recovery round trip, proven by /v1/verify.</summary>
public sealed class KeyTests
{
    private static async Task<ClusterTestBed> ClusterWithControllerAsync(DateTimeOffset? keyClock = null)
    {
        var bed = await ClusterTestBed.StartAsync();
        if (keyClock is { } at) bed.Emulator.SealedSecrets.Clock = () => at;
        bed.Emulator.SealedSecrets.Install();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");
        return bed;
    }

    private static ControllerLocation Location => new();

    [Fact]
    public async Task Backup_then_restore_on_a_new_cluster_lets_its_controller_open_the_repository_values()
    {
        // The old cluster: its controller's key sealed the repository's values.
        await using var oldCluster = await ClusterWithControllerAsync();
        using var oldClient = oldCluster.Client();
        var certPath = Path.Combine(oldCluster.Dir, "pub-cert.pem");
        await new FetchCertOperation(oldClient, Location, oldCluster.Log).RunAsync(certPath);
        var cert = File.ReadAllText(certPath);
        var sealedFiles = new[]
        {
            TestKeys.WriteSealedSecret(oldCluster.Dir, cert, "guestbook-dev", "db"),
            TestKeys.WriteSealedSecret(oldCluster.Dir, cert, "guestbook-prod", "api", namespaceWide: true),
        };
        var backupPath = Path.Combine(oldCluster.Dir, "backups", "keys-1.yaml");
        var backup = await new BackupKeyOperation(oldClient, Location, oldCluster.Log, new SealingValueOpener()).RunAsync(backupPath, SealedValues.ReadSealedSecrets(sealedFiles));

        Assert.Equal(oldCluster.Emulator.SealedSecrets.LoadedFingerprints, backup.Fingerprints);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupPath));
        Assert.Contains("opens 4/4 sealed value(s)", oldCluster.Log.Text);
        Assert.DoesNotContain("PRIVATE KEY", oldCluster.Log.Text);

        // The new cluster: its controller started with a key of its own, newer than the backup's.
        await using var newCluster = await ClusterWithControllerAsync(DateTimeOffset.UtcNow.AddDays(1));
        using var newClient = newCluster.Client();
        var controller = new SealedSecretsController(newClient, Location);
        var repoSecret = ClusterManifests.ReadFile(sealedFiles[0]).Single().Body;
        Assert.False(await controller.VerifyAsync(repoSecret, CancellationToken.None)); // not yet: wrong key

        var options = new RestoreKeyOptions { Input = backupPath, SealedSecrets = SealedValues.ReadSealedSecrets(sealedFiles) };
        var result = await new RestoreKeyOperation(newClient, options, newCluster.Log, new SealingValueOpener()).RunAsync();

        Assert.Equal(2, result.Verified);
        Assert.True(await controller.VerifyAsync(repoSecret, CancellationToken.None));
        Assert.Equal(2, newCluster.Emulator.SealedSecrets.Starts); // restarted to load the keys
        Assert.Contains(backup.Fingerprints[0], newCluster.Emulator.SealedSecrets.LoadedFingerprints);
        Assert.False(result.ServedKeyIsFromBackup); // it serves its own newer key...
        Assert.Contains("serves a newer certificate", newCluster.Log.Text);
        Assert.Contains("Values sealed with the repository's certificate still open", newCluster.Log.Text);
        Assert.Contains("FetchCert", newCluster.Log.Text);
    }

    [Fact]
    public async Task Restore_reports_the_backup_key_when_it_is_the_newest()
    {
        await using var bed = await ClusterWithControllerAsync(DateTimeOffset.UtcNow.AddDays(-30));
        var (backup, fingerprint) = TestKeys.WriteBackup(bed.Dir, "newer-key"); // certificate from yesterday
        using var client = bed.Client();

        var result = await new RestoreKeyOperation(client, new RestoreKeyOptions { Input = backup, SealedSecrets = [] }, bed.Log, new SealingValueOpener()).RunAsync();

        Assert.True(result.ServedKeyIsFromBackup);
        Assert.Equal(fingerprint, result.ServedFingerprint);
        Assert.Contains("The repository has no sealed values to check the backup against", bed.Log.Text);
    }

    [Fact]
    public async Task Restore_with_a_backup_that_does_not_open_the_repository_values_changes_nothing()
    {
        await using var bed = await ClusterWithControllerAsync();
        using var client = bed.Client();
        var servedCert = bed.Emulator.SealedSecrets.ServedCertificatePem!;
        var sealedFile = TestKeys.WriteSealedSecret(bed.Dir, servedCert, "guestbook-dev", "db");
        var (otherBackup, _) = TestKeys.WriteBackup(bed.Dir, "some-other-cluster");
        var keysBefore = bed.Emulator.Store.List(ResourceCatalog.Secrets, "sealed-secrets").Count;
        var options = new RestoreKeyOptions { Input = otherBackup, SealedSecrets = SealedValues.ReadSealedSecrets([sealedFile]) };

        var e = await Assert.ThrowsAsync<ClusterException>(() =>
            new RestoreKeyOperation(client, options, bed.Log, new SealingValueOpener()).RunAsync());

        Assert.Contains("does not open 2 of 2 sealed value(s)", e.Message);
        Assert.Contains("guestbook-dev/db key", e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal(keysBefore, bed.Emulator.Store.List(ResourceCatalog.Secrets, "sealed-secrets").Count);
        Assert.Equal(1, bed.Emulator.SealedSecrets.Starts); // never restarted
        Assert.DoesNotContain(bed.Emulator.RequestLog, r => r.StartsWith("PATCH") || r.StartsWith("DELETE"));
    }

    [Fact]
    public async Task Forced_restore_of_a_foreign_backup_is_caught_by_the_controllers_verify()
    {
        await using var bed = await ClusterWithControllerAsync();
        using var client = bed.Client();
        var (foreign, _) = TestKeys.WriteBackup(bed.Dir, "foreign");
        // Values sealed for a key neither the cluster nor the backup holds.
        var (_, _) = TestKeys.WriteBackup(bed.Dir, "lost");
        var lostCert = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(
            ClusterManifests.ReadFile(Path.Combine(bed.Dir, "lost.yaml")).Single().Body["data"]!["tls.crt"]!.GetValue<string>()));
        var sealedFile = TestKeys.WriteSealedSecret(bed.Dir, lostCert, "guestbook-dev", "db");
        var options = new RestoreKeyOptions { Input = foreign, SealedSecrets = SealedValues.ReadSealedSecrets([sealedFile]), Force = true };

        var e = await Assert.ThrowsAsync<ClusterException>(() =>
            new RestoreKeyOperation(client, options, bed.Log, new SealingValueOpener()).RunAsync());

        Assert.Contains("cannot open 1 of 1 SealedSecret(s)", e.Message);
        Assert.Contains("SealedSecret guestbook-dev/db", e.Message);
        Assert.Contains("--force: not checking", bed.Log.Text);
    }

    [Fact]
    public async Task Restore_refuses_a_backup_whose_key_does_not_match_its_certificate()
    {
        await using var bed = await ClusterWithControllerAsync();
        using var client = bed.Client();
        var (broken, _) = TestKeys.WriteBackup(bed.Dir, "broken", mismatched: true);

        var e = await Assert.ThrowsAsync<ClusterException>(() =>
            new RestoreKeyOperation(client, new RestoreKeyOptions { Input = broken, SealedSecrets = [] }, bed.Log, new SealingValueOpener()).RunAsync());

        Assert.Contains("Secret broken: tls.key does not match tls.crt", e.Message);
        Assert.DoesNotContain(bed.Emulator.RequestLog, r => r.StartsWith("PATCH"));
    }

    [Fact]
    public async Task Backup_warns_about_a_renewed_key_no_earlier_backup_holds()
    {
        await using var bed = await ClusterWithControllerAsync();
        using var client = bed.Client();
        var folder = Path.Combine(bed.Dir, "backups");
        var first = await new BackupKeyOperation(client, Location, bed.Log).RunAsync(Path.Combine(folder, "keys-1.yaml"), []);
        Assert.Contains("First key backup", bed.Log.Text);

        var renewed = bed.Emulator.SealedSecrets.RenewKey();
        var second = await new BackupKeyOperation(client, Location, bed.Log).RunAsync(Path.Combine(folder, "keys-2.yaml"), []);

        Assert.Equal(2, second.Fingerprints.Count);
        Assert.Equal([renewed], second.NotInEarlierBackups);
        Assert.Contains(first.Fingerprints[0], second.Fingerprints);
        Assert.Contains(bed.Log.Lines, l => l.StartsWith("warning:") && l.Contains("is in no earlier backup"));
    }

    [Fact]
    public async Task Backup_holds_every_key_Secret_as_a_v1_List_without_server_set_metadata()
    {
        await using var bed = await ClusterWithControllerAsync();
        bed.Emulator.SealedSecrets.RenewKey();
        using var client = bed.Client();
        var path = Path.Combine(bed.Dir, "keys.yaml");

        await new BackupKeyOperation(client, Location, bed.Log).RunAsync(path, []);

        var text = File.ReadAllText(path);
        Assert.StartsWith("apiVersion: v1\nkind: List\n", text);
        var items = ClusterManifests.ReadFile(path);
        Assert.Equal(2, items.Count);
        Assert.All(items, i =>
        {
            Assert.Equal("Secret", i.Ref.Kind);
            Assert.Null(i.Body["metadata"]!["uid"]);
            Assert.Null(i.Body["metadata"]!["resourceVersion"]);
            Assert.NotNull(i.Body["metadata"]!["creationTimestamp"]);
        });
        Assert.Empty(Directory.GetFiles(bed.Dir, "*.tmp")); // the atomic write left no temp file
    }

    [Fact]
    public async Task Backup_with_no_controller_keys_fails_and_writes_nothing()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        using var client = bed.Client();
        var path = Path.Combine(bed.Dir, "keys.yaml");

        var e = await Assert.ThrowsAsync<ClusterException>(() => new BackupKeyOperation(client, Location, bed.Log).RunAsync(path, []));

        Assert.Contains("No key Secrets", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task FetchCert_writes_the_certificate_the_controller_serves()
    {
        await using var bed = await ClusterWithControllerAsync();
        bed.Emulator.SealedSecrets.Clock = () => DateTimeOffset.UtcNow.AddDays(1);
        var renewed = bed.Emulator.SealedSecrets.RenewKey();
        using var client = bed.Client();
        var path = Path.Combine(bed.Dir, "cert.pem");

        var fingerprint = await new FetchCertOperation(client, Location, bed.Log).RunAsync(path);

        Assert.Equal(renewed, fingerprint); // the newest key's certificate
        Assert.Equal(renewed, TestKeys.Fingerprint(File.ReadAllText(path)));
    }

    [Fact]
    public async Task FetchCert_without_a_controller_names_the_service_and_writes_nothing()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        using var client = bed.Client();
        var path = Path.Combine(bed.Dir, "cert.pem");

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => new FetchCertOperation(client, Location, bed.Log).RunAsync(path));

        Assert.Contains("sealed-secrets/sealed-secrets-controller", e.Message);
        Assert.False(File.Exists(path));
    }
}
