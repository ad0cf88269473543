using System.Globalization;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>
/// Writes controller key Secrets as a v1 List that <c>kubectl apply -f</c> (or RestoreKey) can restore
/// into a fresh cluster and that <see cref="KeyBackupReader"/> reads back.
/// <para>
/// Server-set metadata is dropped: uid, resourceVersion, generation, selfLink, managedFields,
/// ownerReferences, generateName, creationTimestamp and the kubectl last-applied annotation. Kept: name,
/// namespace, labels (the sealed-secrets-key label is what makes the controller load the key), other
/// annotations, type and data.
/// </para>
/// <para>
/// Decision on creationTimestamp: the API server ignores it on create, so a restored key gets a new
/// one. The controller picks the newest key by that time for sealing, and Unseal prefers newer keys, so
/// the original time is kept as the annotation <see cref="KeyBackupReader.OriginalCreationAnnotation"/>
/// (read back by <see cref="KeyBackupReader"/>) and items are written oldest first, so that applying the
/// List in order re-creates them in their original order.
/// </para>
/// </summary>
public static class KeyBackupWriter
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static string ToListYaml(IEnumerable<V1Secret> keySecrets)
    {
        var items = new YamlSequenceNode();
        foreach (var secret in keySecrets.OrderBy(s => s.Metadata?.CreationTimestamp ?? DateTime.MaxValue)
                     .ThenBy(s => s.Metadata?.Name, StringComparer.Ordinal))
            items.Add(Item(secret));

        var root = new YamlMappingNode
        {
            { "apiVersion", "v1" },
            { "kind", "List" },
            { "items", items },
        };
        return YamlNodes.Save(root);
    }

    private static YamlMappingNode Item(V1Secret secret)
    {
        var source = secret.Metadata ?? throw new SealingException("A key Secret without metadata cannot be backed up.");
        var metadata = new YamlMappingNode { { "name", YamlNodes.Text(source.Name) } };
        if (!string.IsNullOrEmpty(source.NamespaceProperty)) metadata.Add("namespace", YamlNodes.Text(source.NamespaceProperty));
        if (source.Labels is { Count: > 0 }) metadata.Add("labels", YamlNodes.Map(Sorted(source.Labels)));

        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in source.Annotations ?? new Dictionary<string, string>())
            if (key != LastApplied) annotations[key] = value;
        if (source.CreationTimestamp is { } created && !annotations.ContainsKey(KeyBackupReader.OriginalCreationAnnotation))
            annotations[KeyBackupReader.OriginalCreationAnnotation] =
                created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (annotations.Count > 0) metadata.Add("annotations", YamlNodes.Map(annotations));

        var data = new YamlMappingNode();
        foreach (var (key, value) in Sorted(secret.Data ?? new Dictionary<string, byte[]>()))
            data.Add(YamlNodes.Text(key), new YamlScalarNode(Convert.ToBase64String(value)));

        return new YamlMappingNode
        {
            { "apiVersion", "v1" },
            { "kind", "Secret" },
            { "metadata", metadata },
            { "type", YamlNodes.Text(secret.Type ?? "kubernetes.io/tls") },
            { "data", data },
        };
    }

    private static IEnumerable<KeyValuePair<string, T>> Sorted<T>(IDictionary<string, T> map) =>
        map.OrderBy(e => e.Key, StringComparer.Ordinal);
}
