using System.Security.Cryptography.X509Certificates;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Sealing;

namespace GitOps.Build.Cluster.Operations;

/// <summary>
/// RestoreKey: validate the backup; unless --force prove it opens the repository's sealed values; apply
/// its Secrets; restart the controller (it reads keys only at start); wait; then prove on the cluster that
/// the controller's /v1/verify accepts the repository's SealedSecrets, and report the certificate it serves.
/// </summary>
public sealed class RestoreKeyOperation(ClusterClient client, RestoreKeyOptions options, IClusterLog log, ISealedValueOpener opener)
{
    public async Task<RestoreKeyResult> RunAsync(CancellationToken cancel = default)
    {
        var backup = ControllerKeyBackup.Read(options.Input);
        log.Information($"Backup {options.Input}: {backup.Keys.Count} key(s), each an RSA key matching its certificate.");
        foreach (var k in backup.Keys) log.Information("  " + k.Describe());

        var sealedSecrets = options.SealedSecrets;
        var values = sealedSecrets.SelectMany(SealedValues.ValuesOf).ToList();
        ProveBackupOpens(backup, values);

        using var run = new ClusterRun(client, log, cancel);
        await run.ConnectAsync();
        var location = options.Controller;
        var apply = new ServerSideApply(client, new ResourceDiscovery(client));
        var results = await run.StepAsync($"applying the key Secrets into namespace {location.Namespace}", async ct =>
        {
            var list = new List<ApplyResult>();
            foreach (var secret in backup.Secrets)
                list.Add(await apply.ApplyOneAsync(ApplicableManifest.Of(secret, options.Input), location.Namespace, ct));
            return list;
        });
        log.Information($"Key Secrets: {BootstrapOperation.Summary(results)}.");

        var controller = new SealedSecretsController(client, location);
        await run.StepAsync($"restarting the Sealed Secrets controller ({location.Namespace}/{location.DeploymentName})", controller.RestartAsync);
        log.Information("Controller restarted and ready: it loaded the restored keys.");

        var failed = new List<string>();
        await run.StepAsync("verifying the repository's SealedSecrets with the controller", async ct =>
        {
            foreach (var s in sealedSecrets)
                if (!await controller.VerifyAsync(s.Body, ct)) failed.Add($"{ObjectRef.Of(s)} ({s.Location})");
        });
        if (failed.Count > 0)
            throw new ClusterException(
                $"The controller cannot open {failed.Count} of {sealedSecrets.Count} SealedSecret(s) after the restore: {string.Join(", ", failed)}. " +
                "Fix: restore a backup that holds the key these were sealed with, or reseal them with the controller's certificate.");
        log.Information($"The controller verified {sealedSecrets.Count} SealedSecret(s) of the repository.");

        var pem = await run.StepAsync("fetching the certificate the controller serves", controller.FetchCertificatePemAsync);
        using var served = X509Certificate2.CreateFromPem(pem);
        var fingerprint = SealingCertificate.FingerprintOf(served);
        var fromBackup = backup.Keys.Any(k => k.Fingerprint == fingerprint);
        log.Information(fromBackup
            ? $"The controller serves the certificate of backup key {backup.Keys.First(k => k.Fingerprint == fingerprint).SecretName} (SHA-256 {fingerprint}, expires {served.NotAfter.ToUniversalTime():yyyy-MM-dd})."
            : $"The controller serves a newer certificate (SHA-256 {fingerprint}, expires {served.NotAfter.ToUniversalTime():yyyy-MM-dd}) than any in the backup: it renews its key every 30 days and seals new values with the newest.");
        log.Information("Values sealed with the repository's certificate still open. Run FetchCert to update the certificate used for new values.");
        return new RestoreKeyResult(sealedSecrets.Count, fingerprint, fromBackup);
    }

    private void ProveBackupOpens(ControllerKeyBackup backup, IReadOnlyList<SealedValue> values)
    {
        if (options.Force)
        {
            log.Warning("--force: not checking that the backup opens the repository's sealed values.");
            return;
        }
        if (values.Count == 0)
        {
            log.Warning("The repository has no sealed values to check the backup against.");
            return;
        }
        var closed = values.Where(v => !backup.Keys.Any(k => opener.Opens(v, k.PrivateKey))).ToList();
        if (closed.Count > 0)
            throw new ClusterException(
                $"The backup {options.Input} does not open {closed.Count} of {values.Count} sealed value(s) of the repository, e.g. {string.Join(", ", closed.Take(3))}. " +
                "Nothing was changed. Fix: use the backup of this cluster's keys, or pass --force to restore it anyway.");
        log.Information($"The backup opens all {values.Count} sealed value(s) of the repository.");
    }
}
