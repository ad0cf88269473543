namespace GitOps.Build.Sealing;

/// <summary>
/// Choices for <see cref="SecretManifestSealer"/>. Scope null means: the scope the Secret's own
/// annotations declare, else strict (kubeseal's behaviour). Namespace fills a missing metadata.namespace.
/// </summary>
public sealed record SealFileOptions(SealingScope? Scope = null, string? Namespace = null);
