using System.Text.RegularExpressions;

namespace GitOps.Build.Reporting;

/// <summary>What the file reports (JUnit, SARIF) do to text tools wrote: their terminal colour codes go.</summary>
internal static partial class ReportText
{
    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();

    public static string WithoutColour(string text) => AnsiEscape().Replace(text, "");
}
