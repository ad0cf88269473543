using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Build.Manifests;
using k8s;
using k8s.Models;

namespace GitOps.Build.Sealing;

/// <summary>
/// The one place that decides what of a controller key Secret goes into a backup and back into a
/// cluster. Writes a v1 List that <c>kubectl apply -f</c> (or RestoreKey) can restore into a fresh
/// cluster and that <see cref="KeyBackupReader"/> reads back.
/// <para>
/// Server-set metadata is dropped (<see cref="ServerSetMetadata"/>, status and the kubectl last-applied
/// annotation): a stale uid or resourceVersion would be refused on restore. Kept: name, namespace,
/// labels (the sealed-secrets-key label is what makes the controller load the key), other annotations,
/// type and data.
/// </para>
/// <para>
/// Decision on creationTimestamp: the API server ignores it on create, so a restored key gets a new
/// one. The controller picks the newest key by that time for sealing, and Unseal prefers newer keys, so
/// the original time is kept as the annotation <see cref="KeyBackupReader.OriginalCreationAnnotation"/>
/// (read back by <see cref="KeyBackupReader"/>, and carried into the cluster by a restore) and items are
/// written oldest first, so that applying the List in order re-creates them in their original order.
/// </para>
/// </summary>
public static class KeyBackupWriter
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Metadata the API server sets: never restored.</summary>
    private static readonly string[] ServerSetMetadata =
    [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "ownerReferences", "generateName", "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    public static string ToListYaml(IEnumerable<V1Secret> keySecrets) =>
        ToListYaml(keySecrets.Select(s => JsonNode.Parse(KubernetesJson.Serialize(s))!.AsObject()));

    /// <summary>
    /// The Secrets as a v1 List YAML, oldest first. <paramref name="keepCreationTimestamp"/> also leaves
    /// metadata.creationTimestamp in the file for people reading it (BackupKey's files); a restore drops it.
    /// </summary>
    public static string ToListYaml(IEnumerable<JsonObject> keySecrets, bool keepCreationTimestamp = false)
    {
        var items = keySecrets.Select(s => ForRestore(s, keepCreationTimestamp))
            .OrderBy(s => CreatedAt(s) ?? DateTimeOffset.MaxValue)
            .ThenBy(s => s["metadata"]?["name"]?.GetValue<string>(), StringComparer.Ordinal);
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(items.Select(s => (JsonNode)s).ToArray()),
        };
        return YamlJson.ToYaml(list);
    }

    /// <summary>A copy of a key Secret fit for apply: apiVersion, kind, the metadata people set, type and data.</summary>
    public static JsonObject ForRestore(JsonObject secret, bool keepCreationTimestamp = false)
    {
        var copy = (JsonObject)secret.DeepClone();
        copy.Remove("status");
        copy["apiVersion"] ??= "v1";
        copy["kind"] ??= "Secret";
        copy["type"] ??= "kubernetes.io/tls";
        if (copy["metadata"] is not JsonObject meta)
            throw new SealingException("A key Secret without metadata cannot be backed up.");

        var annotations = meta["annotations"] as JsonObject ?? new JsonObject();
        annotations.Remove(LastApplied);
        if (meta["creationTimestamp"]?.GetValue<string>() is { } created && !annotations.ContainsKey(KeyBackupReader.OriginalCreationAnnotation))
            annotations[KeyBackupReader.OriginalCreationAnnotation] = created;
        if (annotations.Count > 0) meta["annotations"] = annotations;
        else meta.Remove("annotations");

        foreach (var field in ServerSetMetadata)
            if (!(keepCreationTimestamp && field == "creationTimestamp")) meta.Remove(field);
        return copy;
    }

    private static DateTimeOffset? CreatedAt(JsonObject secret) =>
        KeyBackupReader.ParseTime(secret["metadata"]?["annotations"]?[KeyBackupReader.OriginalCreationAnnotation]?.GetValue<string>());
}
