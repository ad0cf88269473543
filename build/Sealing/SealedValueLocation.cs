namespace GitOps.Build.Sealing;

/// <summary>Where sealed values live in the repository.</summary>
public enum SealedValueHome
{
    /// <summary>A Helm values file: <c>secrets.data.&lt;KEY&gt;</c>, scope from <c>secrets.scope</c>.</summary>
    ValuesFile,

    /// <summary>A SealedSecret manifest: <c>spec.encryptedData.&lt;KEY&gt;</c>, scope from its annotations.</summary>
    SealedSecretManifest,
}

/// <summary>
/// One sealed value found in a YAML file. Line and column are 1-based (YamlDotNet marks);
/// <see cref="Start"/>/<see cref="End"/> are character offsets of the scalar token (quotes included),
/// so an editor can replace exactly those characters. For a SealedSecret manifest, SecretName and
/// Namespace come from its metadata (Namespace may be null when Argo CD supplies it); for a values
/// file they are null and the repository model knows them.
/// </summary>
public sealed record SealedValueLocation(
    string File,
    int Line,
    int Column,
    string Key,
    string Value,
    SealingScope Scope,
    SealedValueHome Home,
    string? SecretName,
    string? Namespace,
    int Start,
    int End)
{
    public string Where => $"{File}:{Line}:{Column}";

    /// <summary>The YAML path of the value, e.g. "secrets.data.PASSWORD".</summary>
    public string Path => Home == SealedValueHome.ValuesFile ? $"secrets.data.{Key}" : $"spec.encryptedData.{Key}";
}

/// <summary>The sealed values of one file and what was wrong around them (e.g. an unknown scope).</summary>
public sealed record SealedValuesInFile(string File, IReadOnlyList<SealedValueLocation> Values, IReadOnlyList<string> Problems);
