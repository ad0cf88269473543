using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using Spectre.Console;

namespace GitOps.Build.Tasks;

[TaskName("PromotionStatus")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings))]
[TaskDescription("Shows, from what each environment renders, every app's image reference per environment, the commit that set it, holds, and which environments are behind.")]
public sealed class PromotionStatusTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var holdsFile = PromotionSupport.HoldsFile(context);
        var git = PromotionSupport.Git(context);
        var rows = PromotionStatus.Rows(git, EnvironmentCatalog.From(context.Model.Environments), PromotionSupport.Targets(context),
            PromotionSupport.Rendering(context), PromotionHolds.Read(holdsFile, IO.RepoPath.Relative(context.Root, holdsFile)));

        // References are read whole: they do not wrap; the commit's subject and the notes do.
        var table = new Table().AddColumns(new TableColumn("App").NoWrap(), new TableColumn("Environment").NoWrap(), new TableColumn("Image").NoWrap(),
            new TableColumn("Set by"), new TableColumn(""));
        foreach (var row in rows)
        {
            var image = row.Problem is { } problem ? $"(not read: {problem})"
                : row.Disagrees ? string.Join("\n", row.Workloads.Select(w => $"{w.Object}: {w.Image}"))
                : row.Reference ?? "";
            var setBy = row.LastChange is { } c ? $"{c.ShortSha} {c.When:yyyy-MM-dd} {c.Subject}" : row.Problem is null ? "(not committed)" : "";
            var flags = new List<string>();
            if (row.Disagrees) flags.Add("[red]workloads disagree[/]");
            if (row.Behind) flags.Add("[yellow]behind[/]");
            if (row.Hold is { } hold)
                flags.Add($"[blue]held[/] {Cell($"since {hold.At:yyyy-MM-dd} by {hold.By.Split(" <")[0]}{(hold.Reason.Length > 0 ? $": {hold.Reason}" : "")}")}");
            table.AddRow(Cell(row.App), Cell(row.Environment), Cells(image), Cell(setBy), string.Join("\n", flags));
        }
        AnsiConsole.Write(table);
    }

    // Names, references and commit subjects come from the repository: one line, no workflow command, no markup.
    private static string Cell(string text) => Markup.Escape(ConsoleText.Cell(VisibleText.OneLine(text)));

    private static string Cells(string lines) => string.Join("\n", lines.Split('\n').Select(Cell));
}
