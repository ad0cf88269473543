namespace GitOps.Build.Sealing;

/// <summary>
/// A sealed value as the cluster will see it: the SealedSecret an Application renders (name,
/// namespace, scope), the key and value, and where a person edits it (the values file line that sets
/// it, or the rendered artifact when no values file does).
/// </summary>
public sealed record SealedValueInRepo(
    string Unit,
    string SecretName,
    string Namespace,
    SealingScope Scope,
    string Key,
    string Value,
    string File,
    int Line,
    SealedValueLocation? InValuesFile)
{
    /// <summary>The label the controller will try: it follows from the rendered name, namespace and scope.</summary>
    public SealingLabel Label => SealingLabel.For(Scope, Namespace, SecretName);

    public string Object => $"SealedSecret/{Namespace}/{SecretName}";

    public string Where => $"{File}:{Line}";

    /// <summary>
    /// The objects whose suppression annotations apply to findings about this value: the rendered
    /// SealedSecret and the Application that renders it (empty for a value read from a file).
    /// </summary>
    public IReadOnlyList<Manifests.ManifestObject> Subjects { get; init; } = [];
}
