using System.Text.RegularExpressions;
using GitOps.Build.Findings;

namespace GitOps.Build.Pipeline;

/// <summary>Turns helm's messages into findings with the chart file (and line, where helm says it).</summary>
public static partial class HelmOutputParser
{
    // [ERROR] templates/deployment.yaml: message
    [GeneratedRegex(@"^\[(?<level>ERROR|WARNING|INFO)\]\s+(?<file>[^:]+):\s*(?<message>.*)$")]
    private static partial Regex LintLine();

    // template: chart/templates/deployment.yaml:12:3: executing ...   or  (deployment.yaml:12)
    [GeneratedRegex(@"(?<file>[\w./-]+\.(?:yaml|yml|tpl|txt)):(?<line>\d+)")]
    private static partial Regex FileLine();

    public static IEnumerable<Finding> Lint(string output, string chartRelative, string objectName, bool strict)
    {
        // helm continues a message on indented lines; join them to the [LEVEL] line they belong
        // to, up to the blank line that ends the entry.
        var entries = new List<string>();
        var open = false;
        foreach (var raw in output.Split('\n'))
        {
            if (raw.StartsWith('[')) { entries.Add(raw.Trim()); open = true; }
            else if (raw.Trim().Length == 0) open = false;
            else if (open && raw.StartsWith(' ')) entries[^1] += " " + raw.Trim();
        }
        foreach (var entry in entries)
        {
            var match = LintLine().Match(entry);
            if (!match.Success) continue;
            var level = match.Groups["level"].Value;
            if (level == "INFO") continue;
            var message = match.Groups["message"].Value;
            // "[ERROR] templates/: chart/templates/x.yaml:2:10 executing ..." names the real file
            // inside the message; prefer it over the folder helm puts up front.
            var inMessage = FileLine().Match(message);
            var (file, line) = Locate(chartRelative, inMessage.Success ? inMessage.Groups["file"].Value : match.Groups["file"].Value, message);
            yield return Rules.HelmLint.At(objectName, file, line, message, level == "ERROR" || strict ? Severity.Error : Severity.Warning);
        }
    }

    /// <summary>A failed helm command as one finding of the stage's rule (HELM-LINT, HELM-TEMPLATE), located where helm says.</summary>
    public static Finding Failure(Rule rule, string error, string chartRelative, string objectName)
    {
        var message = string.Join(" ", error.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        var match = FileLine().Match(message);
        var (file, line) = match.Success ? Locate(chartRelative, match.Groups["file"].Value, message) : (chartRelative, 0);
        return rule.At(objectName, file, line, message);
    }

    // helm names template files by chart name (demo/templates/x.yaml, demo/charts/sub/...), or
    // relative to the chart (templates/x.yaml); findings name them relative to the repository.
    private static (string File, int Line) Locate(string chartRelative, string helmFile, string message)
    {
        // helm lint names the chart by the absolute path it was given ("[ERROR] /repo/chart: ...").
        if (Path.IsPathRooted(helmFile)) return (chartRelative, 0);
        var slash = helmFile.IndexOf('/');
        var rest = slash > 0 ? helmFile[(slash + 1)..] : helmFile;
        var inChart = rest.StartsWith("templates/", StringComparison.Ordinal) || rest.StartsWith("charts/", StringComparison.Ordinal) ? rest : helmFile;
        var file = inChart is "" or "." ? chartRelative : $"{chartRelative}/{inChart}";
        var lineMatch = FileLine().Match(message);
        var line = lineMatch.Success && int.TryParse(lineMatch.Groups["line"].Value, out var l) ? l : 0;
        return (file, line);
    }
}
