using GitOps.Build.Sealing;

namespace GitOps.Build.Checks;

/// <summary>
/// What the checks need beyond the repository model. Defaults are the seed's: UID 1000, a 4096-bit
/// sealing key. (Which image tags are immutable is one rule shared with Promote: Policy/ImageTags.)
/// </summary>
public sealed record CheckOptions
{
    public static CheckOptions Default { get; } = new();

    /// <summary>The UID every container must run as (seed: "Run as non-root user (UID 1000)").</summary>
    public long RunAsUser { get; init; } = 1000;

    /// <summary>The controller's certificate, when known: sealed values must match its key size.</summary>
    public SealingCertificate? SealingCertificate { get; init; }

    /// <summary>The key size sealed values must have when no certificate is given.</summary>
    public int SealingKeyBits { get; init; } = 4096;

    /// <summary>
    /// Repository folders (relative to the root) scanned for plaintext Secrets and unsealed values.
    /// Null: every top-level folder that holds a chart, a value file or an Argo CD manifest the model read.
    /// </summary>
    public IReadOnlyList<string>? ScanFolders { get; init; }

    /// <summary>
    /// The namespaces Argo CD reads its own objects (Applications, ApplicationSets, AppProjects)
    /// from: its install namespace, plus any "Applications in any namespace" allows.
    /// </summary>
    public IReadOnlyList<string> ArgoCdNamespaces { get; init; } = ["argocd"];

    internal int SealingModulusBytes => SealingCertificate?.ModulusBytes ?? SealingKeyBits / 8;
}
