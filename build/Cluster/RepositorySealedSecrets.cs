using GitOps.Build.Cluster.Apply;
using GitOps.Build.Sealing;

namespace GitOps.Build.Cluster;

/// <summary>
/// The repository's SealedSecrets as Argo CD will apply them (see <see cref="SealingInventory.SealedSecrets"/>:
/// rendered by the local charts, or kept as manifests in the Applications' directory sources), as
/// documents the key operations prove the controller's keys against. One per namespace/name.
/// </summary>
public static class RepositorySealedSecrets
{
    public static IReadOnlyList<ManifestDocument> Collect(SealingInventory inventory) =>
        inventory.SealedSecrets().Select(s => new ManifestDocument(s.Body, s.File, s.Line)).ToList();
}
