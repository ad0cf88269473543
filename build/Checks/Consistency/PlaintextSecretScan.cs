using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// No Secret with data or stringData anywhere in Git or in what it renders: such a Secret is the
/// secret in plain text (base64 is an encoding, not encryption). Chart templates are not YAML, so
/// they are read textually, one document at a time; there only literal values count: a data map
/// that a template fills ({{ ... }}) holds no secret in Git, and what it renders is checked as
/// rendered output, as Argo CD would apply it.
/// </summary>
public static partial class PlaintextSecretScan
{
    [GeneratedRegex(@"^kind:\s*[""']?Secret[""']?\s*(#.*)?$")] private static partial Regex SecretKind();
    [GeneratedRegex(@"^(data|stringData):\s*(?<value>.*?)\s*(#.*)?$")] private static partial Regex DataKey();

    /// <summary>A parsed object (in a repository file or in rendered output).</summary>
    public static void Check(CheckedObject target, FindingSink sink)
    {
        if (target.Manifest.Group.Length != 0 || target.Manifest.Kind != "Secret") return;
        foreach (var field in new[] { "data", "stringData" })
        {
            if (target.Manifest.Body[field] is JsonObject { Count: > 0 } values)
            {
                sink.Add(Rules.PlaintextSecret, target, "/" + field,
                    $"Secret {target.Manifest.Name} carries {values.Count} plain value(s) under {field} ({string.Join(", ", values.Select(v => v.Key))})");
            }
        }
    }

    /// <summary>A file of the repository: parsed when it is YAML, read as text when it is a chart template or does not parse.</summary>
    public static void CheckFile(string path, string relative, FindingSink sink)
    {
        var text = File.ReadAllText(path);
        if (!text.Contains("Secret", StringComparison.Ordinal)) return;
        if (!RepositoryFiles.IsChartTemplate(path))
        {
            try
            {
                foreach (var manifest in ManifestReader.Read(text, relative))
                {
                    Check(new CheckedObject(manifest, relative, null, null, null), sink);
                }
                return;
            }
            catch (ManifestParseException)
            {
                // Not YAML (a template outside templates/, say): fall back to reading it as text.
            }
        }
        CheckTemplateText(text, relative, sink);
    }

    /// <summary>Per document: a top-level "kind: Secret" with a top-level data:/stringData: that is not empty.</summary>
    public static void CheckTemplateText(string text, string relative, FindingSink sink)
    {
        var lines = text.Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && !lines[i].TrimEnd().StartsWith("---", StringComparison.Ordinal)) continue;
            CheckDocument(lines, start, i, relative, sink);
            start = i + 1;
        }
    }

    private static void CheckDocument(string[] lines, int from, int to, string relative, FindingSink sink)
    {
        var isSecret = false;
        var dataLines = new List<(int Line, string Key)>();
        for (var i = from; i < to; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (SecretKind().IsMatch(line)) isSecret = true;
            var data = DataKey().Match(line);
            // "data:" alone opens a map on the next lines; "data: {}" or a null spelling holds nothing.
            if (data.Success && data.Groups["value"].Value is var value && (value.Length == 0 || (value != "{}" && !Yaml.YamlScalars.IsNullText(value)))
                && !Templated(lines, i, to, value))
                dataLines.Add((i + 1, data.Groups[1].Value));
        }
        if (!isSecret) return;
        foreach (var (line, key) in dataLines)
        {
            sink.Add(Rules.PlaintextSecret.At($"Secret in {relative}", relative, line,
                $"a kind: Secret document has {key}: a secret in plain text in Git"));
        }
    }

    /// <summary>
    /// Whether a data:/stringData: map is filled by the template: its inline value or a line of its
    /// block (indented lines and template actions, up to the next top-level key) holds an action
    /// that reads data, other than a lone if/else/end/with action or a comment around literal entries.
    /// </summary>
    private static bool Templated(string[] lines, int keyLine, int to, string inlineValue)
    {
        if (inlineValue.Length > 0) return FilledByTemplate(inlineValue);
        for (var i = keyLine + 1; i < to; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            if (!char.IsWhiteSpace(line[0]) && !line.StartsWith("{{", StringComparison.Ordinal)) break;
            if (ControlAction().IsMatch(line)) continue;
            if (FilledByTemplate(line)) return true;
        }
        return false;
    }

    /// <summary>
    /// A line with an action that reads data (.Values, $var, a function such as randAlphaNum): not a
    /// value in Git. An action on a quoted literal alone ({{ "hunter2" | b64enc }}) is one.
    /// </summary>
    private static bool FilledByTemplate(string line) =>
        Action().Matches(line).Any(a => QuotedString().Replace(a.Groups[1].Value, "") is var rest &&
            (rest.Contains('.') || rest.Contains('$') || !QuotedString().IsMatch(a.Groups[1].Value)));

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}")] private static partial Regex Action();
    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|`[^`]*`")] private static partial Regex QuotedString();

    [GeneratedRegex(@"^\s*\{\{-?\s*(if\b|else\b|end\b|with\b|/\*)[^{}]*\}\}\s*$")] private static partial Regex ControlAction();
}
