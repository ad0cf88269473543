using GitOps.Build.Findings;
using GitOps.Build.Primitives;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// The findings as a table on the console: rule, object, file:line, message (and fix), escaped by
/// <see cref="ConsoleText"/>. Past <see cref="FullTableLimit"/> findings a table of every one is
/// thousands of lines nobody reads: the console then gets one row per rule (severity, count, the
/// first locations, the fix), and the full list is in the reports and at --verbosity=verbose.
/// </summary>
public static class ConsoleReport
{
    public const int FullTableLimit = 50;

    /// <summary>How many locations a rule's row names.</summary>
    public const int LocationsPerRule = 3;

    public static void Write(IAnsiConsole console, RunReport report, bool full = false)
    {
        var findings = report.Findings.OrderBy(f => f.Severity).ThenBy(f => f.File).ThenBy(f => f.Line).ToList();
        if (findings.Count == 0)
        {
            console.MarkupLine($"[green]No findings[/] ({report.Outcomes.Count} checks over {report.Outcomes.Select(o => o.Outcome.Unit).Distinct().Count()} units).");
            return;
        }
        LogWidth.Widen(console);
        if (full || findings.Count <= FullTableLimit) WriteEvery(console, findings);
        else WriteByRule(console, findings, ReportWriter.PrefixOf(report));
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        console.MarkupLine($"[{(errors > 0 ? "red" : "yellow")}]{errors} error(s), {warnings} warning(s)[/]");
    }

    private static string Color(Severity severity) => severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "grey" };

    private static void WriteByRule(IAnsiConsole console, IReadOnlyList<Finding> findings, string prefix)
    {
        var table = new Table().Border(TableBorder.Simple).Expand();
        table.AddColumn("Rule");
        table.AddColumn("Severity");
        table.AddColumn(new TableColumn("Count").RightAligned());
        table.AddColumn("First locations");
        table.AddColumn("Fix");
        foreach (var group in findings.GroupBy(f => (f.RuleId, f.Severity)).OrderBy(g => g.Key.Severity).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.RuleId, StringComparer.Ordinal))
        {
            var first = group.Take(LocationsPerRule).Select(f => VisibleText.OneLine(f.Location)).ToList();
            if (group.Count() > LocationsPerRule) first.Add($"and {group.Count() - LocationsPerRule} more");
            table.AddRow(
                new Markup($"[{Color(group.Key.Severity)}]{Markup.Escape(group.Key.RuleId)}[/]"),
                new Text(group.Key.Severity.ToString().ToLowerInvariant()),
                new Text(group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(ConsoleText.Cell(string.Join("\n", first))),
                new Text(ConsoleText.Cell(group.First().Fix ?? "")));
        }
        console.Write(table);
        console.MarkupLine($"{findings.Count} findings by rule; every one is in artifacts/reports ({prefix}findings.json, {prefix}findings.sarif, {prefix}junit.xml), and on the console with --verbosity=verbose.");
    }

    private static void WriteEvery(IAnsiConsole console, IReadOnlyList<Finding> findings)
    {
        var table = new Table().Border(TableBorder.Simple).Expand();
        table.AddColumn("Rule");
        table.AddColumn("Object");
        table.AddColumn("File:line");
        table.AddColumn("Message");
        foreach (var f in findings)
        {
            table.AddRow(
                new Markup($"[{Color(f.Severity)}]{Markup.Escape(f.RuleId)}[/]"),
                // Names and messages quote the repository: one line each (the message's own "Fix:" line aside), no workflow command.
                new Text(ConsoleText.Cell(VisibleText.OneLine(f.Object))),
                new Text(ConsoleText.Cell(VisibleText.OneLine(f.Location))),
                new Text(ConsoleText.Cell(f.Fix is { Length: > 0 } fix ? $"{f.Message}\nFix: {fix}" : f.Message)));
        }
        console.Write(table);
    }
}
