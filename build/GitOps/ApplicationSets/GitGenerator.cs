using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Primitives;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// The git generator, read from the working tree when its repoURL is the repository being
/// checked (<see cref="RepositoryIdentity"/>; another repository is reported as not expanded and
/// never read from here; <c>revision</c> is not checked out).
/// <c>directories</c>: every folder matching an include path and no <c>exclude: true</c> path
/// (exclusions win whatever their order). <c>files</c>: every JSON/YAML file matching a path, its
/// first document as parameters as Argo CD reads it: an object is one set, a list of objects one
/// set per element, an empty file one set (only the path parameters); anything else fails the
/// generator. Flattened to "a.b" keys with fasttemplate. Both add the path parameters
/// (<see cref="PathParameters"/>), under <c>pathParamPrefix</c> if set.
/// </summary>
internal static class GitGenerator
{
    public static List<JsonObject>? Generate(JsonObject git, string pointer, Expansion x)
    {
        var repoUrl = git["repoURL"]?.ToString() ?? "";
        if (!x.Repository.Contains(repoUrl))
        {
            x.Report(Rules.AppSetNotExpanded, pointer + "/repoURL",
                $"the git generator reads {(repoUrl.Length > 0 ? RepoUrl.Display(repoUrl) : "no repoURL")}, another repository than this one ({RepoUrl.Display(x.Repository.Url)}), " +
                "so it is not expanded from this working tree and its Applications are not generated offline");
            return null;
        }
        var prefix = git["pathParamPrefix"]?.ToString();
        if (git["directories"] is JsonArray directories) return Directories(directories, prefix, x);
        if (git["files"] is JsonArray files) return Files(files, pointer + "/files", prefix, x);
        x.Report(Rules.AppSetInvalid, pointer, "the git generator has neither directories nor files");
        return null;
    }

    private static List<JsonObject> Directories(JsonArray entries, string? prefix, Expansion x)
    {
        var (include, exclude) = Patterns(entries);
        return x.Tree.Directories
            .Where(d => include.Any(p => Glob.Matches(p, d, Glob.GoPath)) && !exclude.Any(p => Glob.Matches(p, d, Glob.GoPath)))
            .Select(d => PathParameters.ForDirectory(d, x.GoTemplate, prefix))
            .ToList();
    }

    private static List<JsonObject>? Files(JsonArray entries, string pointer, string? prefix, Expansion x)
    {
        var (include, exclude) = Patterns(entries);
        var sets = new List<JsonObject>();
        foreach (var file in x.Tree.Files.Where(f => include.Any(p => Glob.Matches(p, f, Glob.GitPathspec)) && !exclude.Any(p => Glob.Matches(p, f, Glob.GitPathspec))))
        {
            if (!IO.RepoPath.IsInside(x.Root, Path.Combine(x.Root, file)))
            {
                // Argo CD drops a file whose path resolves outside the repository; here it is also said.
                x.Report(Rules.GitOpsPath, pointer, $"the git generator's file {file} is a symlink that points outside the repository; not read");
                continue;
            }
            var content = Read(file, pointer, x);
            if (content == null) return null;
            foreach (var item in content)
            {
                var path = PathParameters.ForFile(file, x.GoTemplate, prefix);
                sets.Add(x.GoTemplate ? Parameters.Merge(item, path) : Parameters.Merge(Parameters.Flatten(item), path));
            }
        }
        return sets;
    }

    private static (List<string> Include, List<string> Exclude) Patterns(JsonArray entries)
    {
        var all = entries.OfType<JsonObject>()
            .Select(e => (Path: e["path"]?.ToString() ?? "", Exclude: e["exclude"] is JsonValue v && v.TryGetValue<bool>(out var b) && b))
            .Where(e => e.Path.Length > 0).ToList();
        return (all.Where(e => !e.Exclude).Select(e => e.Path).ToList(), all.Where(e => e.Exclude).Select(e => e.Path).ToList());
    }

    /// <summary>
    /// A generator file's parameter objects, read as Argo CD reads them (its first document, with
    /// the YAML library Kubernetes uses): an object is one, a list holds one per element (a null
    /// element is an empty one), an empty file or null is one empty object; a scalar or a list
    /// holding anything else fails the generator (git_test.go, Test_generateParamsFromGitFile:
    /// "empty file returns path parameters", "invalid json/yaml file returns error";
    /// TestGitGenerateParamsFromFiles: "test empty YAML array"). Null when it fails (reported).
    /// </summary>
    private static List<JsonObject>? Read(string file, string pointer, Expansion x)
    {
        JsonNode? content;
        try
        {
            var stream = Manifests.ManifestReader.Load(Manifests.ManifestReader.ReadText(Path.Combine(x.Root, file)), file);
            content = stream.Documents.Count == 0 ? null : Manifests.ManifestReader.ToJson(stream.Documents[0].RootNode, "", new Dictionary<string, int>(), file);
        }
        catch (Manifests.ManifestParseException e)
        {
            // Over a limit of the YAML reader (an alias bomb): at the file's own line, as every YAML read reports it.
            x.Findings.Add(Rules.YamlParse.At(x.Object, e.File, e.Line, $"the git generator's file {file}: {e.Problem}"));
            return null;
        }
        catch (Exception e) when (e is YamlException or IOException)
        {
            x.Report(Rules.AppSetInvalid, pointer, $"the git generator's file {file} does not parse as JSON or YAML: {e.Message}");
            return null;
        }
        switch (content)
        {
            case null:
                return [new JsonObject()];
            case JsonObject o:
                return [o];
            case JsonArray a when a.All(e => e is null or JsonObject):
                return a.Select(e => e as JsonObject ?? new JsonObject()).ToList();
        }
        var what = content is JsonArray ? "a list holding something other than objects" : $"a {content.GetValueKind().ToString().ToLowerInvariant()}";
        x.Report(Rules.AppSetInvalid, pointer,
            $"the git generator's file {file} is {what}, not a YAML or JSON object or a list of objects; Argo CD fails the generator (unable to parse file) and generates none of this ApplicationSet's Applications");
        return null;
    }
}
