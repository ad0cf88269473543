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
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try { entries = new DirectoryInfo(dir).EnumerateFileSystemInfos(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry.LinkTarget != null) continue; // never followed: containment is the loader's rule
                if (entry is DirectoryInfo sub)
                {
                    if (!Skipped.Contains(sub.Name)) pending.Push(sub.FullName);
                    continue;
                }
                if (entry.Extension is not (".yaml" or ".yml") || entry is not FileInfo { Length: < 1_000_000 } file) continue;
                string text;
                try { text = File.ReadAllText(file.FullName); }
                catch (IOException) { continue; }
                if (!kinds.Any(k => text.Contains("kind: " + k, StringComparison.Ordinal))) continue;
                try { found.AddRange(ManifestReader.Read(text, file.FullName).Where(o => kinds.Contains(o.Kind) && o.Group == "argoproj.io")); }
                catch (ManifestParseException) { /* not a manifest of ours to judge: the loader reports files the Applications read */ }
            }
        }
        return found;
    }
}
