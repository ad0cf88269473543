using GitOps.Build.Findings;
using GitOps.Build.Primitives;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>The findings as a table on the console: rule, object, file:line, message (and fix), escaped by <see cref="ConsoleText"/>.</summary>
public static class ConsoleReport
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var findings = report.Findings.OrderBy(f => f.Severity).ThenBy(f => f.File).ThenBy(f => f.Line).ToList();
        if (findings.Count == 0)
        {
            console.MarkupLine($"[green]No findings[/] ({report.Outcomes.Count} checks over {report.Outcomes.Select(o => o.Outcome.Unit).Distinct().Count()} units).");
            return;
        }
        // Output that is not a terminal (a CI log, a file) has no width; Spectre would assume 80 and wrap every path.
        if (!console.Profile.Out.IsTerminal && console.Profile.Width < 200) console.Profile.Width = 200;
        var table = new Table().Border(TableBorder.Simple).Expand();
        table.AddColumn("Rule");
        table.AddColumn("Object");
        table.AddColumn("File:line");
        table.AddColumn("Message");
        foreach (var f in findings)
        {
            var color = f.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "grey" };
            table.AddRow(
                new Markup($"[{color}]{Markup.Escape(f.RuleId)}[/]"),
                // Names and messages quote the repository: one line each (the message's own "Fix:" line aside), no workflow command.
                new Text(ConsoleText.Cell(VisibleText.OneLine(f.Object))),
                new Text(ConsoleText.Cell(VisibleText.OneLine(f.Location))),
                new Text(ConsoleText.Cell(f.Fix is { Length: > 0 } fix ? $"{f.Message}\nFix: {fix}" : f.Message)));
        }
        console.Write(table);
        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        console.MarkupLine($"[{(errors > 0 ? "red" : "yellow")}]{errors} error(s), {warnings} warning(s)[/]");
    }
}
