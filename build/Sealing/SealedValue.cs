using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Sealing;

/// <summary>Where a sealed value is written.</summary>
public enum SealedValueHome
{
    /// <summary>A Helm values file: <c>secrets.data.&lt;KEY&gt;</c>, scope from <c>secrets.scope</c>.</summary>
    ValuesFile,

    /// <summary>A SealedSecret manifest (in the repository, rendered, or on a cluster): <c>spec.encryptedData.&lt;KEY&gt;</c>, scope from its annotations.</summary>
    SealedSecretManifest,
}

/// <summary>
/// One sealed value, wherever it was found: the key and ciphertext; the Secret it opens for (name,
/// namespace and scope, which make the label the controller tries; unknown for a value read from a
/// values file alone, which the Application's rendering supplies); and where a person edits it (file,
/// line and column, 1-based, and the character offsets of its YAML scalar, quotes included, so it can be
/// replaced in place). Read from YAML text (<see cref="SealedValueLocator"/>), from a SealedSecret object
/// (<see cref="AllIn"/>: the cluster targets, the rendered units), or traced from a rendered SealedSecret
/// back to the values file that sets it (<see cref="RenderedSealedValues"/>).
/// </summary>
public sealed record SealedValue(string Key, string Ciphertext, SealingScope Scope, string? SecretName, string? Namespace, string File, int Line)
{
    public SealedValueHome Home { get; init; } = SealedValueHome.SealedSecretManifest;

    public int Column { get; init; }

    /// <summary>Character offsets of the scalar token in <see cref="File"/>'s text (0 when not read from text).</summary>
    public int Start { get; init; }

    public int End { get; init; }

    /// <summary>The render unit (by id) whose rendering holds the value; null for a value read from a file or a cluster.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// The objects whose suppression annotations apply to findings about this value: the rendered
    /// SealedSecret and the Application that renders it (empty for a value read from a file).
    /// </summary>
    public IReadOnlyList<ManifestObject> Subjects { get; init; } = [];

    /// <summary>Set in a values file (where Reseal rewrites it), not only in a rendered or kept SealedSecret.</summary>
    public bool InValuesFile => Home == SealedValueHome.ValuesFile;

    /// <summary>The label the controller will try: it follows from the name, namespace and scope.</summary>
    public SealingLabel Label => SealingLabel.For(Scope, Namespace, SecretName);

    public string Object => $"SealedSecret/{Namespace}/{SecretName}";

    public string Where => $"{File}:{Line}";

    /// <summary>file:line:column, for a problem with the text itself.</summary>
    public string Position => $"{File}:{Line}:{Column}";

    /// <summary>The YAML path of the value, e.g. "secrets.data.PASSWORD".</summary>
    public string Path => InValuesFile ? $"secrets.data.{Key}" : $"spec.encryptedData.{Key}";

    public override string ToString() => $"{Namespace}/{SecretName} key {Key} ({Where})";

    /// <summary>
    /// The values of a SealedSecret object, in the namespace it names, else <paramref name="defaultNamespace"/>
    /// (the Application's destination; "default" on a cluster), under the scope its annotations give.
    /// </summary>
    public static IEnumerable<SealedValue> AllIn(ManifestObject sealedSecret, string defaultNamespace)
    {
        var ns = sealedSecret.Namespace is { Length: > 0 } own ? own : defaultNamespace;
        var scope = SealingScopes.FromAnnotations(sealedSecret.Annotations);
        if (sealedSecret.At("/spec/encryptedData") is not JsonObject data) yield break;
        foreach (var (key, node) in data)
        {
            var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            yield return new SealedValue(key, text, scope, sealedSecret.Name, ns, sealedSecret.File, sealedSecret.LineOf("/spec/encryptedData/" + key));
        }
    }
}

/// <summary>The sealed values of one file and what was wrong around them (e.g. an unknown scope).</summary>
public sealed record SealedValuesInFile(string File, IReadOnlyList<SealedValue> Values, IReadOnlyList<string> Problems);
