using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>PromotionStatus as a table: app, environment, tag, the commit that set it, and whether it is behind.</summary>
public static class PromotionStatusTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<PromotionStatusRow> rows)
    {
        var table = new Table().AddColumns("App", "Environment", "Tag", "Set by", "");
        foreach (var row in rows)
        {
            var setBy = row.LastChange is { } c ? $"{c.ShortSha} {c.When:yyyy-MM-dd} {c.Subject}" : "(not committed)";
            table.AddRow(Cell(row.App), Cell(row.Environment), Cell(row.Tag ?? "(unset)"), Cell(setBy), row.Behind ? "[yellow]behind[/]" : "");
        }
        console.Write(table);
    }

    // Names, tags and commit subjects come from the repository: one line, no workflow command, no markup.
    private static string Cell(string text) => Markup.Escape(ConsoleText.Cell(VisibleText.OneLine(text)));
}
