namespace GitOps.Build.Sealing;

/// <summary>
/// How tightly a sealed value is bound to its Secret. The scope decides the OAEP label, so a value
/// sealed under one scope only opens under that same scope (and name/namespace).
/// </summary>
public enum SealingScope
{
    /// <summary>Bound to one Secret: label "&lt;namespace&gt;/&lt;name&gt;". kubeseal's default.</summary>
    Strict,

    /// <summary>Any Secret name in one namespace: label "&lt;namespace&gt;".</summary>
    NamespaceWide,

    /// <summary>Any name in any namespace: empty label.</summary>
    ClusterWide,
}
