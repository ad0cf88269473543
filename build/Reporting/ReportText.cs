using System.Text.RegularExpressions;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// What reports do to text they did not write: the file reports (JUnit, SARIF) drop tools' terminal
/// colour codes (and the Markdown and the console show a name from the repository on one line:
/// <see cref="VisibleText.OneLine"/>).
/// </summary>
internal static partial class ReportText
{
    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();

    public static string WithoutColour(string text) => AnsiEscape().Replace(text, "");
}
