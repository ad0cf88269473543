using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// PromotionStatus as a table: app, environment (and Application, when the app has several there), the image reference its workloads run (each workload on a line of
/// its own when they disagree), the commit that set it, and whether it disagrees, is behind or is held.
/// </summary>
public static class PromotionStatusTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<PromotionStatusRow> rows)
    {
        // Names do not wrap; a reference wraps only where a terminal is too narrow for it (a column that may
        // not wrap and does not fit makes Spectre draw the whole table as "…"), the commit's subject and the notes do.
        var table = new Table().AddColumns(new TableColumn("App").NoWrap(), new TableColumn("Environment").NoWrap(), new TableColumn("Image"),
            new TableColumn("Set by"), new TableColumn(""));
        // An app with several Applications in an environment (one per region or cluster) has a row for each, named.
        var several = rows.GroupBy(r => (r.App, r.Environment)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var row in rows)
        {
            var environment = several.Contains((row.App, row.Environment)) && row.Application is { } application ? $"{row.Environment} ({application})" : row.Environment;
            var image = row.Problem is { } problem ? $"(not read: {problem})"
                : row.Disagrees ? string.Join("\n", row.Workloads.Select(w => $"{w.Object}: {w.Image}"))
                : row.Reference ?? "";
            var setBy = row.LastChange is { } c ? $"{c.ShortSha} {c.When:yyyy-MM-dd} {c.Subject}" : row.Problem is null ? "(not committed)" : "";
            var flags = new List<string>();
            if (row.Disagrees) flags.Add("[red]workloads disagree[/]");
            if (row.Behind) flags.Add("[yellow]behind[/]");
            if (row.Hold is { } hold)
                flags.Add($"[blue]held[/] {Cell($"since {hold.At:yyyy-MM-dd} by {hold.By.Split(" <")[0]}{(hold.Reason.Length > 0 ? $": {hold.Reason}" : "")}")}");
            table.AddRow(Cell(row.App), Cell(environment), Cells(image), Cell(setBy), string.Join("\n", flags));
        }
        LogWidth.Widen(console);
        console.Write(table);
    }

    // Names, references and commit subjects come from the repository: one line, no workflow command, no markup.
    private static string Cell(string text) => Markup.Escape(ConsoleText.Cell(VisibleText.OneLine(text)));

    private static string Cells(string lines) => string.Join("\n", lines.Split('\n').Select(Cell));
}
