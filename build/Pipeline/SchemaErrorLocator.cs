using System.Text.RegularExpressions;
using GitOps.Build.Checks;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>
/// helm reports a values.schema.json violation by JSON pointer ("at '/replicaCount': got string,
/// want integer") without saying which values file set it. The culprit is the last value file
/// (helm's precedence) that sets the pointer; this finds it and its line.
/// </summary>
public static partial class SchemaErrorLocator
{
    [GeneratedRegex(@"at '(?<pointer>/[^']*)':\s*(?<message>[^\n]*?)(?=\s+- at '|\s*$|\n)")]
    private static partial Regex Violation();

    public static IReadOnlyList<Finding> Locate(string helmOutput, IReadOnlyList<string> valueFilesInOrder, string root, string objectName)
    {
        var findings = new List<Finding>();
        foreach (Match match in Violation().Matches(helmOutput))
        {
            var pointer = match.Groups["pointer"].Value;
            var (file, line) = Where(pointer, valueFilesInOrder);
            findings.Add(Rules.HelmSchema.At(objectName, file == null ? "" : IO.RepoPath.Relative(root, file), line,
                $"values.schema.json: {pointer.TrimStart('/').Replace('/', '.')}: {match.Groups["message"].Value.Trim()}"));
        }
        return findings.Distinct().ToList();
    }

    private static (string? File, int Line) Where(string pointer, IReadOnlyList<string> files)
    {
        foreach (var file in files.Reverse())
        {
            try
            {
                var doc = ManifestReader.ReadFile(file).FirstOrDefault();
                if (doc?.At(pointer) != null || (doc != null && HasKey(doc, pointer))) return (file, doc.LineOf(pointer));
            }
            catch (ManifestParseException)
            {
                // a broken values file is reported by helm itself
            }
        }
        return (files.LastOrDefault(), 0);
    }

    // A key present with a null value still "sets" it.
    private static bool HasKey(ManifestObject doc, string pointer)
    {
        var parent = pointer[..pointer.LastIndexOf('/')];
        return doc.At(parent) is System.Text.Json.Nodes.JsonObject o && o.ContainsKey(JsonPointer.Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]));
    }
}
