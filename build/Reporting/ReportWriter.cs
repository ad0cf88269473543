using GitOps.Build.IO;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// Writes every report of a run: console table (to the console it is given, standard output in a run), artifacts/reports/{junit.xml,findings.json,findings.sarif},
/// annotations, and durations.json (the seconds per unit, which a later --shard run balances by);
/// a Diff run's findings go to diff-junit.xml, diff-findings.json and diff-findings.sarif beside them;
/// for Diff, artifacts/reports/{diff.md,diff-full.md,diff.json} and the job summary; for Map,
/// artifacts/reports/{map.md,map.dot,map.svg} and the job summary.
/// </summary>
public static class ReportWriter
{
    /// <summary>The prefix of a run's report files: a Diff run's are diff-*.{xml,json,sarif}, so it never overwrites CI's.</summary>
    public static string PrefixOf(RunReport report) =>
        report.Outcomes.Count > 0 && report.Outcomes.All(o => o.Stage == "diff") ? "diff-" : "";

    /// <param name="full">The whole findings table on the console (--verbosity=verbose), not the summary by rule a long run gets.</param>
    public static IReadOnlyList<string> Write(RunReport report, string artifacts, IAnsiConsole console, Func<string, string?> environment, bool full = false)
    {
        ConsoleReport.Write(console, report, full);
        var folder = Path.Combine(artifacts, "reports");
        Directory.CreateDirectory(folder);
        var prefix = PrefixOf(report);
        var junit = Path.Combine(folder, prefix + "junit.xml");
        var json = Path.Combine(folder, prefix + "findings.json");
        var sarif = Path.Combine(folder, prefix + "findings.sarif");
        var durations = Path.Combine(folder, Sharding.UnitDurations.FileName);
        AtomicFile.WriteAllText(junit, JUnitReport.Build(report).ToString());
        AtomicFile.WriteAllText(json, JsonReport.Build(report));
        AtomicFile.WriteAllText(sarif, SarifReport.Build(report));
        // Durations are of rendering units, which a Diff run does not time as CI does.
        if (prefix.Length == 0) AtomicFile.WriteAllText(durations, Sharding.UnitDurations.Build(report.Outcomes));
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
        return prefix.Length == 0 ? [junit, json, sarif, durations, .. objects] : [junit, json, sarif, .. objects];
    }

    /// <summary>The variable GitHub Actions sets to the file a step appends its job summary to.</summary>
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    /// <summary>
    /// diff.md (cut to fit a pull request comment), diff-full.md (everything) and diff.json, the first
    /// two with the map of the touched Applications (<paramref name="touched"/>; diff.md drops it first
    /// when it must be cut); with <see cref="StepSummaryVariable"/> set, diff.md is appended to the job summary too.
    /// </summary>
    public static IReadOnlyList<string> WriteDiff(Changes.DiffResult diff, string artifacts, Func<string, string?> environment, Mapping.MapGraph? touched = null)
    {
        var folder = Path.Combine(artifacts, "reports");
        Directory.CreateDirectory(folder);
        var (md, full, json) = (Path.Combine(folder, "diff.md"), Path.Combine(folder, "diff-full.md"), Path.Combine(folder, "diff.json"));
        var map = touched is null ? "" : MapMarkdown.TouchedSection(touched);
        var truncated = DiffMarkdown.Truncated(diff, map: map);
        AtomicFile.WriteAllText(md, truncated);
        AtomicFile.WriteAllText(full, DiffMarkdown.Full(diff, map));
        AtomicFile.WriteAllText(json, DiffJson.Build(diff));
        AppendToStepSummary(truncated, environment);
        return [md, full, json];
    }

    /// <summary>
    /// The map: map.md (Mermaid) always; map.dot with <see cref="MapFormat.Dot"/> or
    /// <see cref="MapFormat.Svg"/>, and map.svg drawn from it by <paramref name="dot"/> when asked
    /// (<see cref="MapFormat.Svg"/>: dot must be there) or when found (<see cref="MapFormat.Auto"/>:
    /// map.md says why there is none and how to get it). With <see cref="StepSummaryVariable"/> set,
    /// map.md is appended to the job summary.
    /// </summary>
    /// <exception cref="Tools.ToolNotFoundException"><see cref="MapFormat.Svg"/> without dot (map.md and map.dot are written first).</exception>
    /// <exception cref="InvalidOperationException"><see cref="MapFormat.Svg"/> and dot failed (likewise; or ran out of time, or did not start).</exception>
    /// <returns>The files written, and the notes map.md carries (why there is no map.svg; where it is).</returns>
    /// <param name="processes">Where dot runs (the run's child-process runner).</param>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Notes) WriteMap(Mapping.RepositoryMap map, string artifacts, MapFormat format, Tools.GraphvizDot? dot,
        Tools.Processes.ChildProcessRunner processes, Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(artifacts, "reports");
        Directory.CreateDirectory(folder);
        var (md, dotFile, svgFile) = (Path.Combine(folder, "map.md"), Path.Combine(folder, "map.dot"), Path.Combine(folder, "map.svg"));
        var written = new List<string>();
        var notes = new List<string>();
        var dotText = DotMap.Graph(map.Graph);
        string? svg = null;
        Exception? failure = null;
        if (format is MapFormat.Svg or MapFormat.Auto && map.Graph.Nodes.Count > 0)
        {
            try
            {
                svg = dot is null
                    ? throw new Tools.ToolNotFoundException($"map.svg not drawn: Graphviz dot was not found (--dot, {Tools.Graphviz.Variable}, PATH); {Tools.Graphviz.HowToGet}.")
                    : Tools.Graphviz.Svg(processes, dot, dotText, cancellationToken);
            }
            catch (Exception e) when (e is Tools.ToolNotFoundException or InvalidOperationException or Tools.Processes.ToolTimeoutException or System.ComponentModel.Win32Exception)
            {
                notes.Add(e is Tools.ToolNotFoundException ? e.Message : $"map.svg not drawn: {e.Message}");
                if (format == MapFormat.Svg) failure = e;
            }
        }
        if (svg is not null) notes.Add("map.svg (beside this file) is the same map drawn by Graphviz.");
        var text = MapMarkdown.Document(map, notes);
        AtomicFile.WriteAllText(md, text);
        written.Add(md);
        // What this run does not write is removed: an earlier run's map.svg would show a stale picture.
        if (format != MapFormat.Mermaid)
        {
            AtomicFile.WriteAllText(dotFile, dotText);
            written.Add(dotFile);
        }
        else File.Delete(dotFile);
        if (svg is not null)
        {
            AtomicFile.WriteAllText(svgFile, svg);
            written.Add(svgFile);
        }
        else File.Delete(svgFile);
        AppendToStepSummary(text, environment);
        return failure is null ? (written, notes) : throw failure;
    }

    /// <summary>A job summary step over this size is refused by GitHub (1 MiB): a note takes its place.</summary>
    private const int StepSummaryLimit = 1024 * 1024;

    private static void AppendToStepSummary(string markdown, Func<string, string?> environment)
    {
        if (environment(StepSummaryVariable) is not { Length: > 0 } summary) return;
        var text = System.Text.Encoding.UTF8.GetByteCount(markdown) < StepSummaryLimit - 1024 ? markdown
            : "> The report is larger than a job summary holds; see the run's artifacts/reports.\n";
        // The runner owns this file and other steps append to it: appended, never replaced.
        File.AppendAllText(summary, text + "\n");
    }
}
