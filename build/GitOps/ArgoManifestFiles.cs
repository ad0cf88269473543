using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Argo CD's own objects wherever a repository keeps them: every YAML file that holds one of the
/// asked kinds (AppProject, Application, ApplicationSet of argoproj.io), outside what is not the
/// repository's own content (git, build output, caches, chart templates, which are Go templates
/// rather than YAML). Used to find AppProjects (Bootstrap applies them before the root app, so no
/// Application needs to reach them) and, when no root app is given, the roots.
/// </summary>
public static class ArgoManifestFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "artifacts", ".cache", ".tools", ".build", "node_modules", "bin", "obj", "templates" };

    public static IReadOnlyList<ManifestObject> Find(string root, params string[] kinds)
    {
        var found = new List<ManifestObject>();
        // Links are never followed: containment is the loader's rule.
        foreach (var entry in IO.FolderWalk.Entries(root, dir => !Skipped.Contains(dir.Name)))
        {
            if (entry.LinkTarget != null || entry.Extension is not (".yaml" or ".yml") || entry is not FileInfo { Length: < 1_000_000 } file) continue;
            string text;
            try { text = File.ReadAllText(file.FullName); }
            catch (IOException) { continue; }
            if (!kinds.Any(k => text.Contains("kind: " + k, StringComparison.Ordinal))) continue;
            try { found.AddRange(ManifestReader.Read(text, file.FullName).Where(o => kinds.Contains(o.Kind) && o.Group == "argoproj.io")); }
            catch (ManifestParseException) { /* not a manifest of ours to judge: the loader reports files the Applications read */ }
        }
        return found;
    }
}
