using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;

using GitOps.Build.Manifests;

namespace GitOps.Build.Cluster.Operations;

public sealed record RestoreKeyOptions
{
    /// <summary>--input: a file written by BackupKey.</summary>
    public required string Input { get; init; }
    /// <summary>
    /// The repository's SealedSecrets (namespace resolved): the backup must open them (unless Force) and the
    /// controller must verify them. <see cref="SealedValues.ReadSealedSecrets"/> reads them from files.
    /// </summary>
    public required IReadOnlyList<ManifestObject> SealedSecrets { get; init; }
    /// <summary>--force: restore even if the backup does not open the repository's values.</summary>
    public bool Force { get; init; }
    public ControllerLocation Controller { get; init; } = new();
}

/// <summary>What RestoreKey proved: values verified by the controller and which certificate it serves now.</summary>
public sealed record RestoreKeyResult(int Verified, string ServedFingerprint, bool ServedKeyIsFromBackup);
