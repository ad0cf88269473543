using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;

using GitOps.Build.Manifests;

namespace GitOps.Build.Cluster.Operations;

/// <summary>What BackupKey wrote: the keys (public facts only) and which of them no earlier backup held.</summary>
public sealed record BackupKeyResult(string Path, IReadOnlyList<string> Fingerprints, IReadOnlyList<string> NotInEarlierBackups);

/// <summary>
/// BackupKey: every key Secret of the controller into one v1 List (mode 0600, atomic). Prints each key's
/// fingerprint, creation and expiry, and (given an opener and the repository's SealedSecrets) which values
/// each key opens. Warns about keys no earlier backup in the same folder holds: keys renew every 30 days.
/// </summary>
public sealed class BackupKeyOperation(ClusterClient client, ControllerLocation location, IClusterLog log, ISealedValueOpener? opener = null)
{
    public async Task<BackupKeyResult> RunAsync(string output, IReadOnlyList<ManifestObject> sealedSecrets, CancellationToken cancel = default)
    {
        using var run = new ClusterRun(client, log, cancel);
        await run.ConnectAsync();
        var controller = new SealedSecretsController(client, location);
        var secrets = await run.StepAsync($"listing key Secrets in namespace {location.Namespace}", controller.ListKeySecretsAsync);
        if (secrets.Count == 0)
            throw new ClusterException(
                $"No key Secrets (label {ControllerLocation.KeyLabel}) in namespace {location.Namespace}. " +
                "Fix: check --context and that the Sealed Secrets controller runs there (it creates its key at first start). Nothing was written.");

        var keys = ControllerKeyBackup.Write(output, secrets); // validated before anything is written
        log.Information($"Backed up {keys.Count} key(s) to {output} (mode 0600). Keep it out of git and somewhere safe.");
        foreach (var k in keys) log.Information("  " + k.Describe());

        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var earlier = ControllerKeyBackup.FingerprintsInFolder(folder, output);
        var missing = keys.Where(k => !earlier.Contains(k.Fingerprint)).Select(k => k.Fingerprint).ToList();
        if (earlier.Count == 0)
            log.Information($"First key backup in {folder}.");
        else
            foreach (var k in keys.Where(k => missing.Contains(k.Fingerprint)))
                log.Warning($"Key {k.SecretName} ({k.Fingerprint}) is in no earlier backup in {folder}: the controller renewed its key; keep this backup.");

        if (opener is not null && sealedSecrets.Count > 0) ReportWhatOpens(keys, sealedSecrets);
        return new BackupKeyResult(output, keys.Select(k => k.Fingerprint).ToList(), missing);
    }

    private void ReportWhatOpens(IReadOnlyList<ControllerKey> keys, IReadOnlyList<ManifestObject> sealedSecrets)
    {
        var values = sealedSecrets.SelectMany(SealedValues.ValuesOf).ToList();
        foreach (var k in keys)
        {
            var opened = values.Where(v => opener!.Opens(v, k.PrivateKey)).ToList();
            log.Information($"  {k.SecretName} opens {opened.Count}/{values.Count} sealed value(s)" +
                (opened.Count == 0 ? "" : ": " + string.Join(", ", opened.Select(v => $"{v.Namespace}/{v.SecretName}.{v.Key}"))));
        }
    }
}
