using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The path parameters of the git generator, as Argo CD documents them for each syntax.
/// Directories: <c>path</c>, <c>path.basename</c>, <c>path.basenameNormalized</c>, <c>path[n]</c>
/// (fasttemplate) or <c>.path.path</c>, <c>.path.basename</c>, <c>.path.basenameNormalized</c>,
/// <c>.path.segments</c> (goTemplate). Files: the same for the folder holding the file, plus
/// <c>path.filename</c> and <c>path.filenameNormalized</c>.
/// </summary>
public static class PathParameters
{
    public static JsonObject ForDirectory(string path, bool goTemplate, string? prefix) =>
        Build(path, null, goTemplate, prefix);

    public static JsonObject ForFile(string filePath, bool goTemplate, string? prefix)
    {
        var slash = filePath.LastIndexOf('/');
        var dir = slash < 0 ? "." : filePath[..slash];
        return Build(dir, filePath[(slash + 1)..], goTemplate, prefix);
    }

    private static JsonObject Build(string path, string? filename, bool goTemplate, string? prefix)
    {
        var basename = path.TrimEnd('/') is var p && p.LastIndexOf('/') is var i && i >= 0 ? p[(i + 1)..] : path;
        var segments = path.Split('/');
        var result = new JsonObject();
        if (goTemplate)
        {
            var value = new JsonObject
            {
                ["path"] = path,
                ["basename"] = basename,
                ["basenameNormalized"] = Names.Normalize(basename),
                ["segments"] = new JsonArray(segments.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            };
            if (filename != null)
            {
                value["filename"] = filename;
                value["filenameNormalized"] = Names.Normalize(filename);
            }
            if (prefix is { Length: > 0 }) result[prefix] = new JsonObject { ["path"] = value };
            else result["path"] = value;
            return result;
        }
        var key = prefix is { Length: > 0 } ? $"{prefix}.path" : "path";
        result[key] = path;
        result[$"{key}.basename"] = basename;
        result[$"{key}.basenameNormalized"] = Names.Normalize(basename);
        if (filename != null)
        {
            result[$"{key}.filename"] = filename;
            result[$"{key}.filenameNormalized"] = Names.Normalize(filename);
        }
        for (var n = 0; n < segments.Length; n++)
        {
            if (segments[n].Length > 0) result[$"{key}[{n}]"] = segments[n];
        }
        return result;
    }
}
