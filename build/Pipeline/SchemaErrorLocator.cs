using System.Text.RegularExpressions;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>
/// helm reports a values.schema.json violation by field without saying which values file set it:
/// helm 4 by JSON pointer ("at '/replicaCount': got string, want integer"), helm 3's older
/// validator by dotted path ("- replicaCount: Invalid type. Expected: integer, given: string").
/// The culprit is the last value file (helm's precedence) that sets the field; this finds it and
/// its line.
/// </summary>
public static partial class SchemaErrorLocator
{
    // The pointer is empty for the values as a whole ("at '': missing property 'name'").
    [GeneratedRegex(@"at '(?<pointer>(/[^']*)?)':\s*(?<message>[^\n]*?)(?=\s+- at '|\s*$|\n)")]
    private static partial Regex Violation();

    // helm 3 (gojsonschema): one "- field: message" line each, "(root)" for the top level.
    [GeneratedRegex(@"(?:^|: )- (?<field>\(root\)|[^\s:'(][^\s:]*): (?<message>[^\n]+)", RegexOptions.Multiline)]
    private static partial Regex DottedViolation();

    [GeneratedRegex(@"^Additional property (?<key>\S+) is not allowed")]
    private static partial Regex AdditionalProperty();

    private static IEnumerable<(string Pointer, string Message)> Violations(string helmOutput)
    {
        foreach (Match match in Violation().Matches(helmOutput))
        {
            yield return (match.Groups["pointer"].Value, match.Groups["message"].Value);
        }
        if (!helmOutput.Contains("don't meet the specifications of the schema", StringComparison.Ordinal)) yield break;
        foreach (Match match in DottedViolation().Matches(helmOutput))
        {
            var field = match.Groups["field"].Value;
            var message = match.Groups["message"].Value.Trim();
            var pointer = field == "(root)" ? "" : "/" + string.Join('/', field.Split('.').Select(JsonPointer.Escape));
            // the offending key of an additional property is where the fix goes
            if (AdditionalProperty().Match(message) is { Success: true } extra) pointer += "/" + extra.Groups["key"].Value;
            if (pointer.Length > 0) yield return (pointer, message);
        }
    }

    /// <param name="inline">Where the Application's inline values are written for helm (a scratch file) and where they are in the
    /// repository: a violation they set is named at the Application's values, never at the scratch file.</param>
    public static IReadOnlyList<Finding> Locate(string helmOutput, IReadOnlyList<string> valueFilesInOrder, string root, string objectName,
        InlineValuesPlace? inline = null)
    {
        var findings = new List<Finding>();
        foreach (var (pointer, message) in Violations(helmOutput))
        {
            var (file, line) = Where(pointer, valueFilesInOrder);
            var text = $"values.schema.json: {(pointer.Length == 0 ? "" : pointer.TrimStart('/').Replace('/', '.') + ": ")}{message.Trim()}";
            findings.Add(inline != null && file != null && Path.GetFullPath(file) == Path.GetFullPath(inline.ScratchFile)
                ? inline.At(pointer).Finding(Rules.HelmSchema, objectName, text)
                : Rules.HelmSchema.At(objectName, file == null ? "" : IO.RepoPath.Relative(root, file), line, text));
        }
        return findings.Distinct().ToList();
    }

    private static (string? File, int Line) Where(string pointer, IReadOnlyList<string> files)
    {
        if (pointer.Length == 0) return (files.LastOrDefault(), 0); // every file "sets" the whole: name the last, no line
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

/// <summary>
/// An Application's inline values (spec.source.helm.values or valuesObject): the scratch file helm reads them from, and
/// where a values pointer is in the repository (the Application's place for that field, as every finding on it is placed).
/// </summary>
public sealed record InlineValuesPlace(string ScratchFile, Func<string, Location> At);
