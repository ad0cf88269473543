using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.IO;
using GitOps.Build.Sealing;

namespace GitOps.Build.Cluster.Keys;

/// <summary>
/// A backup of the controller's key Secrets: one v1 List YAML, written with mode 0600 through an atomic
/// rename so no half-written key file ever exists. What a backup holds and how it is checked is the
/// Sealing library's (<see cref="KeyBackupWriter"/>, <see cref="KeyBackupReader"/>); this class adds the
/// file handling and the Secrets in the JSON form the cluster applies.
/// </summary>
public sealed class ControllerKeyBackup
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

    /// <summary>Reads and validates a backup: it parses, holds Secrets, each an RSA key matching its certificate.</summary>
    public static ControllerKeyBackup Read(string path)
    {
        if (!File.Exists(path))
            throw new ClusterException($"Key backup '{path}' does not exist. Fix: pass --input=<file written by BackupKey>.");
        var keys = Validated(() => KeyBackupReader.LoadFile(path));
        IReadOnlyList<ApplicableManifest> docs;
        try { docs = ClusterManifests.ReadFile(path); }
        catch (ClusterException e) { throw new ClusterException($"Key backup {e.Message}", e); }
        // PEM keys are fine for unsealing, but a restore applies Secrets.
        if (docs.Count != keys.Count)
            throw new ClusterException($"{path}: holds {keys.Count} key(s) but {docs.Count} key Secret(s). Fix: use a file written by BackupKey (kubernetes.io/tls Secrets).");
        return new ControllerKeyBackup(path, docs.Select(d => KeyBackupWriter.ForRestore(d.Body)).ToList(), keys);
    }

    /// <summary>Checks the Secrets as the file will hold them, then writes it (v1 List, mode 0600, atomically).</summary>
    public static IReadOnlyList<ControllerKey> Write(string path, IEnumerable<JsonObject> secrets)
    {
        var yaml = KeyBackupWriter.ToListYaml(secrets, keepCreationTimestamp: true);
        var keys = Validated(() => KeyBackupReader.Parse(yaml, path)); // a backup that cannot be restored is worse than none
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return keys;
    }

    private static IReadOnlyList<ControllerKey> Validated(Func<KeyBackup> read)
    {
        try
        {
            return read().EnsureValid().Keys.Select(k => new ControllerKey(k)).ToList();
        }
        catch (SealingException e)
        {
            throw new ClusterException($"{e.Message}\nFix: use a backup written by BackupKey; if this one is corrupt or mixed up, use another.", e);
        }
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
                foreach (var k in Read(file).Keys) found.Add(k.Fingerprint);
            }
            catch (ClusterException) { /* not a key backup */ }
        }
        return found;
    }
}
