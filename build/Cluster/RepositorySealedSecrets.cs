using GitOps.Build.Manifests;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Sealing;
using GitOps.Build.Session;

namespace GitOps.Build.Cluster;

/// <summary>
/// The repository's SealedSecrets as Argo CD will apply them (see <see cref="SealingInventory.SealedSecrets"/>:
/// rendered by the local charts, or kept as manifests in the Applications' directory sources), which the
/// key operations prove the controller's keys against. One per namespace/name.
/// </summary>
public static class RepositorySealedSecrets
{
    /// <summary>For BackupKey: which values each key opens is a bonus, so a repository that does not read or render must not block a backup (none, with a warning).</summary>
    public static IReadOnlyList<ManifestObject> ForBackup(RepositorySession session, IClusterLog log)
    {
        try
        {
            return session.Sealing.SealedSecrets();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Warning($"Not reporting which sealed values each key opens: the repository's SealedSecrets could not be collected ({e.Message}).");
            return [];
        }
    }

    /// <summary>For RestoreKey: the proof needs them; only <paramref name="force"/> restores without them (none, with a warning).</summary>
    public static IReadOnlyList<ManifestObject> ForRestore(RepositorySession session, bool force, IClusterLog log)
    {
        try
        {
            return session.Sealing.SealedSecrets();
        }
        catch (Exception e) when (force && e is not OperationCanceledException)
        {
            log.Warning($"--force: restoring without the repository's SealedSecrets ({e.Message}); nothing will be verified.");
            return [];
        }
    }
}
