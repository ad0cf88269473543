using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>A run with many findings prints a table by rule, not one row per finding; a Diff run keeps CI's reports.</summary>
public sealed class ConsoleSummaryTests
{
    private static RunReport Many(int count, string stage = "validate")
    {
        var findings = Enumerable.Range(1, count)
            .Select(i => (i % 3 == 0 ? Rules.RunAsNonRoot : Rules.ReadinessProbe).At($"Deployment/d{i}", $"apps/d{i}.yaml", i, $"finding {i}"))
            .ToList();
        var report = new RunReport();
        report.Record(stage, [new UnitOutcome("repository", UnitStatus.Failed, findings, TimeSpan.Zero)]);
        return report;
    }

    private static string Print(RunReport report, bool full)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        ConsoleReport.Write(console, report, full);
        return output.ToString();
    }

    [Fact]
    public void A_thousand_findings_are_a_row_per_rule_with_counts_and_the_first_locations()
    {
        var text = Print(Many(1000), full: false);
        var lines = text.Split('\n');
        Assert.True(lines.Length < 40, $"{lines.Length} lines");
        Assert.Contains("POL-RUN-AS-NON-ROOT", text);
        Assert.Contains("333", text); // every third finding
        Assert.Contains("667", text);
        Assert.Contains("apps/d102.yaml:102", text); // the first by file
        Assert.Contains($"and {333 - ConsoleReport.LocationsPerRule} more", text);
        Assert.DoesNotContain("finding 999", text);
        Assert.Contains("--verbosity=verbose", text);
        Assert.Contains("1000 error(s), 0 warning(s)", text);
    }

    [Fact]
    public void Verbose_and_short_runs_list_every_finding()
    {
        Assert.Contains("finding 999", Print(Many(1000), full: true));
        Assert.Contains("finding 7", Print(Many(ConsoleReport.FullTableLimit), full: false));
    }

    [Fact]
    public void A_Diff_runs_findings_go_beside_CIs_and_never_overwrite_them()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "diff-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
            ReportWriter.Write(Many(2), artifacts, console, _ => null);
            var ci = File.ReadAllText(Path.Combine(artifacts, "reports", "findings.json"));
            ReportWriter.Write(Many(1, stage: "diff"), artifacts, console, _ => null);
            Assert.Equal(ci, File.ReadAllText(Path.Combine(artifacts, "reports", "findings.json")));
            Assert.Contains("finding 1", File.ReadAllText(Path.Combine(artifacts, "reports", "diff-findings.json")));
            Assert.True(File.Exists(Path.Combine(artifacts, "reports", "diff-junit.xml")));
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
