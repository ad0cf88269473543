using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.GitOps;

/// <summary>
/// Reads a directory source the way Argo CD does: *.yaml, *.yml and *.json files, subfolders only
/// with <c>recurse: true</c>, filtered by the <c>include</c>/<c>exclude</c> globs (matched against
/// the path relative to the source folder). <c>.jsonnet</c> files, which Argo CD renders with
/// Jsonnet, are reported as not rendered (<see cref="Rules.SourceNotRendered"/>). As Argo CD's walk,
/// a symlink to a folder is not entered; a symlink to a file is read only when it resolves inside
/// the repository (else GITOPS-PATH, not read).
/// A file that is not Kubernetes objects and does not look like a manifest is skipped, as Argo CD skips it.
/// </summary>
internal static class DirectorySource
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <param name="app">The Application whose source this is: its <c>.jsonnet</c> files, which Argo CD renders with Jsonnet, are reported as not rendered.</param>
    public static IReadOnlyList<ManifestObject> Read(string dir, JsonObject? directory, LoadContext context, ArgoApplication? app = null)
    {
        var recurse = directory?["recurse"] is JsonValue r && r.TryGetValue<bool>(out var rec) && rec;
        var include = directory?["include"]?.ToString();
        var exclude = directory?["exclude"]?.ToString();
        var selected = IO.FolderWalk.Entries(dir, _ => recurse)
            .Where(e => e is FileInfo)
            .Select(e => e.FullName)
            .Where(f =>
            {
                var relative = Path.GetRelativePath(dir, f).Replace('\\', '/');
                return (string.IsNullOrEmpty(include) || Glob.Matches(include, relative)) &&
                       (string.IsNullOrEmpty(exclude) || !Glob.Matches(exclude, relative));
            })
            .Order(StringComparer.Ordinal)
            .ToList();
        var files = selected.Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));

        if (app != null)
        {
            foreach (var jsonnet in selected.Where(f => Path.GetExtension(f).Equals(".jsonnet", StringComparison.OrdinalIgnoreCase)))
            {
                context.Problems.Add(Rules.SourceNotRendered.At($"Application/{app.Name}", context.Relative(jsonnet), 1,
                    $"'{context.Relative(jsonnet)}' is a Jsonnet file, which Argo CD renders with Jsonnet; this build does not run Jsonnet, so the objects it makes are not rendered or checked"));
            }
        }

        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            if (!IO.RepoPath.IsInside(context.Root, file))
            {
                var shown = context.Relative(file);
                context.Problems.Add(app != null
                    ? context.Problem(Rules.GitOpsPath, app, "/spec", $"'{shown}' is a symlink that points outside the repository; not read")
                    : Rules.GitOpsPath.At(shown, shown, 1, $"'{shown}' is a symlink that points outside the repository; not read"));
                continue;
            }
            string text;
            try
            {
                text = ManifestReader.ReadText(file);
            }
            catch (ManifestParseException e)
            {
                // Over the YAML limits: refused whatever it holds.
                context.Problems.Add(Rules.YamlParse.At(context.Relative(file), context.Relative(file), e.Line, e.Message));
                continue;
            }
            try
            {
                // Read as Argo CD reads it: a key twice in a mapping keeps its last pair (said, not refused).
                var duplicates = new List<Yaml.DuplicateKey>();
                var read = ManifestReader.Read(text, file, duplicates);
                // A document without a kind is no Kubernetes object: the file fails as a whole, like one that does not parse.
                if (read.All(o => o.Kind.Length > 0) || LooksLikeManifest(read, text))
                {
                    objects.AddRange(read);
                    context.Problems.AddRange(duplicates.Select(d => Rules.YamlDuplicateKey.At(context.Relative(file), context.Relative(file), d.Line, d.Message)));
                }
            }
            catch (ManifestParseException e)
            {
                if (LooksLikeManifest([], text)) context.Problems.Add(Rules.YamlParse.At(context.Relative(file), context.Relative(file), e.Line, e.Message));
            }
        }
        return objects;
    }

    /// <summary>
    /// Argo CD's repo-server (findManifests) skips a file of a directory source that does not parse
    /// as Kubernetes objects when it does not look like a manifest: no "apiVersion:", "kind:" and
    /// "metadata:" in its text (a values file, a config file), or when no earlier document of it
    /// was an object. One that looks like a manifest fails the Application, so it is reported.
    /// </summary>
    private static bool LooksLikeManifest(IReadOnlyList<ManifestObject> read, string text) =>
        read.TakeWhile(o => o.Kind.Length > 0).Any() ||
        text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) && text.Contains("metadata:", StringComparison.Ordinal);
}
