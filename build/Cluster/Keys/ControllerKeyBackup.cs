using System.Text.Json.Nodes;
using GitOps.Build.IO;

namespace GitOps.Build.Cluster;

/// <summary>
/// A backup of the controller's key Secrets: one v1 List YAML (what `kubectl get secret -o yaml` gives),
/// written with mode 0600 through an atomic rename so no half-written key file ever exists.
/// </summary>
public sealed class ControllerKeyBackup : IDisposable
{
    private ControllerKeyBackup(string path, IReadOnlyList<JsonObject> secrets, IReadOnlyList<ControllerKey> keys)
    {
        Path = path;
        Secrets = secrets;
        Keys = keys;
    }

    public string Path { get; }
    /// <summary>The Secrets as stored, server-set metadata stripped.</summary>
    public IReadOnlyList<JsonObject> Secrets { get; }
    public IReadOnlyList<ControllerKey> Keys { get; }

    /// <summary>Metadata the API server sets: never restored (a stale resourceVersion or uid would be refused).</summary>
    private static readonly string[] ServerSetMetadata =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "ownerReferences", "deletionTimestamp", "deletionGracePeriodSeconds"];

    /// <summary>A copy of a Secret fit for apply: only apiVersion, kind, metadata people set, type and data.</summary>
    public static JsonObject StripServerSet(JsonObject secret, bool keepCreation = false)
    {
        var copy = (JsonObject)secret.DeepClone();
        copy.Remove("status");
        copy["apiVersion"] ??= "v1";
        copy["kind"] ??= "Secret";
        if (copy["metadata"] is JsonObject meta)
            foreach (var field in ServerSetMetadata)
                if (!(keepCreation && field == "creationTimestamp")) meta.Remove(field);
        return copy;
    }

    /// <summary>Reads and validates a backup: it parses, holds Secrets, each an RSA key matching its certificate.</summary>
    public static ControllerKeyBackup Read(string path)
    {
        if (!File.Exists(path))
            throw new ClusterException($"Key backup '{path}' does not exist. Fix: pass --input=<file written by BackupKey>.");
        IReadOnlyList<ManifestDocument> docs;
        try { docs = ClusterManifests.ReadFile(path); }
        catch (ClusterException e) { throw new ClusterException($"Key backup {e.Message}", e); }

        var secrets = new List<JsonObject>();
        var keys = new List<ControllerKey>();
        try
        {
            foreach (var d in docs)
            {
                if (d.Kind != "Secret")
                    throw new ClusterException($"{d.Location}: the backup holds a {d.Kind}, not a Secret. Fix: use a file written by BackupKey.");
                keys.Add(ControllerKey.FromSecret(d.Body, d.Location));
                secrets.Add(StripServerSet(d.Body));
            }
            if (keys.Count == 0)
                throw new ClusterException($"{path}: the backup holds no key Secrets. Fix: use a file written by BackupKey.");
        }
        catch
        {
            foreach (var k in keys) k.Dispose();
            throw;
        }
        return new ControllerKeyBackup(path, secrets, keys);
    }

    /// <summary>Writes the Secrets as a v1 List, mode 0600, atomically.</summary>
    public static void Write(string path, IEnumerable<JsonObject> secrets)
    {
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(secrets.Select(s => (JsonNode)StripServerSet(s, keepCreation: true)).ToArray()),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, YamlJson.ToYaml(list), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Fingerprints held by other backups in the same folder (files that do not parse as backups are ignored).</summary>
    public static HashSet<string> FingerprintsInFolder(string folder, string except)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return found;
        var skip = System.IO.Path.GetFullPath(except);
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)))
        {
            if (System.IO.Path.GetFullPath(file) == skip) continue;
            try
            {
                using var other = Read(file);
                foreach (var k in other.Keys) found.Add(k.Fingerprint);
            }
            catch (ClusterException) { /* not a key backup */ }
        }
        return found;
    }

    public void Dispose()
    {
        foreach (var k in Keys) k.Dispose();
    }
}
