namespace GitOps.Build.Sealing;

/// <summary>
/// The textual forms of <see cref="SealingScope"/>: the command-line spelling kubeseal uses
/// (--scope strict|namespace-wide|cluster-wide) and the annotations a SealedSecret carries.
/// </summary>
public static class SealingScopes
{
    public const string NamespaceWideAnnotation = "sealedsecrets.bitnami.com/namespace-wide";
    public const string ClusterWideAnnotation = "sealedsecrets.bitnami.com/cluster-wide";

    public static string ToArgument(this SealingScope scope) => scope switch
    {
        SealingScope.Strict => "strict",
        SealingScope.NamespaceWide => "namespace-wide",
        SealingScope.ClusterWide => "cluster-wide",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>Parses "strict", "namespace-wide" or "cluster-wide" (case-insensitive).</summary>
    public static SealingScope Parse(string text) =>
        TryParse(text, out var scope)
            ? scope
            : throw new SealingException(
                $"Unknown sealing scope '{text}'. Use one of: strict, namespace-wide, cluster-wide.");

    /// <summary>A scope argument that may be absent (--scope, already one of the allowed names); null when it is.</summary>
    public static SealingScope? ParseOptional(string? text) => text is null ? null : Parse(text);

    public static bool TryParse(string? text, out SealingScope scope)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "strict": scope = SealingScope.Strict; return true;
            case "namespace-wide": scope = SealingScope.NamespaceWide; return true;
            case "cluster-wide": scope = SealingScope.ClusterWide; return true;
            default: scope = SealingScope.Strict; return false;
        }
    }

    /// <summary>
    /// The scope a SealedSecret (or a Secret handed to kubeseal) declares through its annotations.
    /// Cluster-wide wins over namespace-wide, as in the controller; no annotation means strict.
    /// </summary>
    public static SealingScope FromAnnotations(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null) return SealingScope.Strict;
        if (IsTrue(annotations, ClusterWideAnnotation)) return SealingScope.ClusterWide;
        if (IsTrue(annotations, NamespaceWideAnnotation)) return SealingScope.NamespaceWide;
        return SealingScope.Strict;
    }

    /// <summary>The annotations a SealedSecret of this scope must carry (none for strict).</summary>
    public static IReadOnlyDictionary<string, string> Annotations(this SealingScope scope) => scope switch
    {
        SealingScope.NamespaceWide => new Dictionary<string, string> { [NamespaceWideAnnotation] = "true" },
        SealingScope.ClusterWide => new Dictionary<string, string> { [ClusterWideAnnotation] = "true" },
        _ => new Dictionary<string, string>(),
    };

    private static bool IsTrue(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
