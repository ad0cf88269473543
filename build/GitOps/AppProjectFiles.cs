using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// AppProjects wherever a repository keeps them: every YAML file that holds <c>kind: AppProject</c>,
/// outside what is not the repository's own content (git, build output, caches, chart templates,
/// which are Go templates rather than YAML). Bootstrap applies them before the root app, so no
/// Application needs to reach them for Argo CD to know them.
/// </summary>
public static class AppProjectFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "artifacts", ".cache", ".tools", ".build", "node_modules", "bin", "obj", "templates" };

    public static IReadOnlyList<ManifestObject> Find(string root)
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
                if (!text.Contains("kind: AppProject", StringComparison.Ordinal)) continue;
                try { found.AddRange(ManifestReader.Read(text, file.FullName).Where(o => o.Kind == "AppProject" && o.Group == "argoproj.io")); }
                catch (ManifestParseException) { /* not a manifest of ours to judge: the loader reports files the Applications read */ }
            }
        }
        return found;
    }
}
