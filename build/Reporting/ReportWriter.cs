using GitOps.Build.IO;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// Writes every report of a run: console table (to the console it is given, standard output in a run), artifacts/reports/{junit.xml,findings.json,findings.sarif},
/// annotations, and durations.json (the seconds per unit, which a later --shard run balances by);
/// for Diff, artifacts/reports/{diff.md,diff-full.md,diff.json} and the job summary.
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
        AtomicFile.WriteAllText(durations, Sharding.UnitDurations.Build(report.Outcomes));
        string[] objects = [];
        if (report.DeployedObjects is { } deployed)
        {
            objects = [Path.Combine(folder, Checks.Consistency.DeployedObject.FileName)];
            AtomicFile.WriteAllText(objects[0], Checks.Consistency.DeployedObject.Write(deployed));
        }
        if (GitHubAnnotations.Enabled(environment))
        {
            // Plain lines on the console's own writer: the runner reads them from the run's standard output.
            foreach (var line in GitHubAnnotations.Lines(report)) console.Profile.Out.Writer.WriteLine(line);
        }
        return [junit, json, sarif, durations, .. objects];
    }

    /// <summary>The variable GitHub Actions sets to the file a step appends its job summary to.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>
    /// diff.md (cut to fit a pull request comment), diff-full.md (everything) and diff.json; with
    /// <see cref="StepSummaryVariable"/> set, diff.md is appended to the job summary too.
    /// </summary>
    public static IReadOnlyList<string> WriteDiff(Changes.DiffResult diff, string artifacts, Func<string, string?> environment)
    {
        var folder = Path.Combine(artifacts, "reports");
        Directory.CreateDirectory(folder);
        var (md, full, json) = (Path.Combine(folder, "diff.md"), Path.Combine(folder, "diff-full.md"), Path.Combine(folder, "diff.json"));
        var truncated = DiffMarkdown.Truncated(diff);
        AtomicFile.WriteAllText(md, truncated);
        AtomicFile.WriteAllText(full, DiffMarkdown.Full(diff));
        AtomicFile.WriteAllText(json, DiffJson.Build(diff));
        // The runner owns this file and other steps append to it: appended, not replaced.
        if (environment(StepSummaryVariable) is { Length: > 0 } summary) File.AppendAllText(summary, truncated + "\n");
        return [md, full, json];
    }
}
