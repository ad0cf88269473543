using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Argo CD's own objects wherever a repository keeps them: every YAML (or JSON) file that holds one of the
/// asked kinds (AppProject, Application, ApplicationSet of argoproj.io), outside what is not the
/// repository's own content (git, build output, caches, chart templates, which are Go templates
/// rather than YAML). Used to find AppProjects (Bootstrap applies them before the root app, so no
/// Application needs to reach them) and, when no root app is given, the roots. A file a
/// kustomization names as a patch (<c>patches[].path</c>, <c>patchesStrategicMerge</c>) is not one
/// of them: it is a fragment kustomize merges into an object of its tree (an overlay's
/// <c>path:</c> for one environment), never applied by itself. Nor is a copy of a live object
/// (<c>kubectl get -o json</c> kept as evidence or documentation: its metadata holds the uid and
/// resourceVersion only the API server assigns), which records what a cluster held, not what anyone applies.
/// </summary>
public static class ArgoManifestFiles
{
    /// <summary>What is not the repository's content, and chart templates (Go templates, not YAML).</summary>
    private static readonly HashSet<string> Skipped = new(IO.FolderWalk.NotRepositoryContent, StringComparer.Ordinal) { "templates" };

    public static IReadOnlyList<ManifestObject> Find(string root, params string[] kinds)
    {
        var found = new List<ManifestObject>();
        var patches = new HashSet<string>(StringComparer.Ordinal);
        // Links are never followed: containment is the loader's rule.
        foreach (var entry in IO.FolderWalk.Entries(root, dir => !Skipped.Contains(dir.Name)))
        {
            if (entry.LinkTarget == null && entry is FileInfo kustomization && Kustomization.FileNames.Contains(entry.Name)) Patches(kustomization, patches);
            if (entry.LinkTarget != null || entry.Extension is not (".yaml" or ".yml" or ".json") || entry is not FileInfo { Length: < 1_000_000 } file) continue;
            string text;
            try { text = File.ReadAllText(file.FullName); }
            catch (IOException) { continue; }
            // Whatever way the kind is written (kind: "Application", JSON's "kind": "Application"): the reader decides.
            if (!text.Contains("argoproj.io", StringComparison.Ordinal) || !kinds.Any(k => text.Contains(k, StringComparison.Ordinal))) continue;
            // A name that reads as a mapping is an unquoted Go template ({{ .Name }}): a file some tool
            // fills in (test data, a generator's input), not a manifest Argo CD is given.
            try { found.AddRange(ManifestReader.Read(text, file.FullName).Where(o => kinds.Contains(o.Kind) && o.Group == "argoproj.io" && o.At("/metadata/name") is not (System.Text.Json.Nodes.JsonObject or System.Text.Json.Nodes.JsonArray) && !IsLiveCopy(o))); }
            catch (ManifestParseException) { /* not a manifest of ours to judge: the loader reports files the Applications read */ }
        }
        return found.Where(o => !patches.Contains(Path.GetFullPath(o.File))).ToList();
    }

    /// <summary>The object was read from a cluster: the API server's uid and resourceVersion are in its metadata.</summary>
    private static bool IsLiveCopy(ManifestObject o) =>
        o.At("/metadata/uid") is System.Text.Json.Nodes.JsonValue && o.At("/metadata/resourceVersion") is System.Text.Json.Nodes.JsonValue;

    /// <summary>The files <paramref name="kustomization"/> merges in as patches, absolute.</summary>
    private static void Patches(FileInfo kustomization, HashSet<string> patches)
    {
        List<ManifestObject> read;
        try { read = ManifestReader.ReadFile(kustomization.FullName).ToList(); }
        catch (Exception e) when (e is ManifestParseException or IOException) { return; }
        if (read.Count == 0) return;
        var body = read[0].Body;
        var named = new List<string>();
        if (body["patchesStrategicMerge"] is System.Text.Json.Nodes.JsonArray merges)
            named.AddRange(merges.Select(m => m is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) && !text.Contains('\n') ? text : null).OfType<string>());
        if (body["patches"] is System.Text.Json.Nodes.JsonArray list)
            named.AddRange(list.Select(p => p?["path"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : null).OfType<string>());
        foreach (var path in named.Where(n => n.Length > 0 && !n.Contains("://", StringComparison.Ordinal)))
            patches.Add(Path.GetFullPath(Path.Combine(kustomization.DirectoryName!, path)));
    }
}
