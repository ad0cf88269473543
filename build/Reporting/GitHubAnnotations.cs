using GitOps.Build.Findings;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// GitHub Actions workflow commands (::error file=…,line=…::) so findings show on the diff: the only
/// commands the suite prints, each on one line, with the message and properties escaped as GitHub's
/// workflow-commands documentation says (%, CR, LF; in properties also ':' and ',').
/// </summary>
public static class GitHubAnnotations
{
    public static bool Enabled(Func<string, string?> environment) =>
        string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<string> Lines(RunReport report) =>
        report.Findings.Select(f =>
        {
            var level = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            var line = f.Line > 0 ? $",line={f.Line}" : "";
            return $"::{level} file={Property(f.File)}{line},title={Property(f.RuleId)}::{Data($"{f.Object}: {f.Message}{(f.Fix != null ? " Fix: " + f.Fix : "")}")}";
        });

    // Escaping as the workflow-commands documentation specifies; and no "##[" (the runner's older
    // command syntax, read anywhere in a line) in what the repository wrote (see ConsoleText).
    private static string Data(string s) => ConsoleText.Cell(s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));
    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
