using GitOps.Build.IO;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// Writes every report of a run: console table, artifacts/reports/{junit.xml,findings.json,findings.sarif},
/// annotations, and durations.json (the seconds per unit, which a later --shard run balances by).
/// </summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Write(RunReport report, string artifacts, IAnsiConsole console, Func<string, string?> environment)
    {
        ConsoleReport.Write(console, report);
        var folder = Path.Combine(artifacts, "reports");
        Directory.CreateDirectory(folder);
        var junit = Path.Combine(folder, "junit.xml");
        var json = Path.Combine(folder, "findings.json");
        var sarif = Path.Combine(folder, "findings.sarif");
        var durations = Path.Combine(folder, Sharding.UnitDurations.FileName);
        AtomicFile.WriteAllText(junit, JUnitReport.Build(report).ToString());
        AtomicFile.WriteAllText(json, JsonReport.Build(report));
        AtomicFile.WriteAllText(sarif, SarifReport.Build(report));
        AtomicFile.WriteAllText(durations, Sharding.UnitDurations.Build(report));
        if (GitHubAnnotations.Enabled(environment))
        {
            foreach (var line in GitHubAnnotations.Lines(report)) Console.Out.WriteLine(line);
        }
        return [junit, json, sarif, durations];
    }
}
