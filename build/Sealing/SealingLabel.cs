using System.Text;

namespace GitOps.Build.Sealing;

/// <summary>
/// The OAEP label that binds a sealed value to where it may be opened: "&lt;namespace&gt;/&lt;name&gt;"
/// (strict), "&lt;namespace&gt;" (namespace-wide) or "" (cluster-wide). A value sealed with one label
/// decrypts under no other, which is how the controller enforces name/namespace.
/// </summary>
public readonly record struct SealingLabel(string Text)
{
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Text);

    public static SealingLabel ClusterWide => new(string.Empty);

    /// <summary>The label for a scope. Name and namespace are required only where the scope uses them.</summary>
    public static SealingLabel For(SealingScope scope, string? @namespace, string? name) => scope switch
    {
        SealingScope.Strict => new($"{Require(@namespace, "namespace", scope)}/{Require(name, "name", scope)}"),
        SealingScope.NamespaceWide => new(Require(@namespace, "namespace", scope)),
        SealingScope.ClusterWide => ClusterWide,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public override string ToString() => Text.Length == 0 ? "(cluster-wide, empty label)" : Text;

    private static string Require(string? value, string what, SealingScope scope) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new SealingException($"A Secret {what} is required for {scope.ToArgument()} sealing.")
            : value.Trim();
}
