using System.Text.Json.Nodes;
using GitOps.Build.Checks;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Reads a directory source the way Argo CD does: *.yaml, *.yml and *.json files, subfolders only
/// with <c>recurse: true</c>, filtered by the <c>include</c>/<c>exclude</c> globs (matched against
/// the path relative to the source folder).
/// </summary>
internal static class DirectorySource
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<ManifestObject> Read(string dir, JsonObject? directory, LoadContext context)
    {
        var recurse = directory?["recurse"] is JsonValue r && r.TryGetValue<bool>(out var rec) && rec;
        var include = directory?["include"]?.ToString();
        var exclude = directory?["exclude"]?.ToString();
        var files = Directory.EnumerateFiles(dir, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f =>
            {
                var relative = Path.GetRelativePath(dir, f).Replace('\\', '/');
                return (string.IsNullOrEmpty(include) || Glob.Matches(include, relative)) &&
                       (string.IsNullOrEmpty(exclude) || !Glob.Matches(exclude, relative));
            })
            .Order(StringComparer.Ordinal);

        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            try
            {
                objects.AddRange(ManifestReader.ReadFile(file));
            }
            catch (ManifestParseException e)
            {
                context.Problems.Add(Rules.YamlParse.At(context.Relative(file), context.Relative(file), e.Line, e.Message));
            }
        }
        return objects;
    }
}
