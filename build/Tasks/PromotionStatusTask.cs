using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using Spectre.Console;

namespace GitOps.Build.Tasks;

[TaskName("PromotionStatus")]
[TaskArguments(typeof(RepositorySettings))]
[TaskDescription("Shows every app's image tag per environment, the commit that set it, and which environments are behind.")]
public sealed class PromotionStatusTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var model = context.Model;
        var rows = PromotionStatus.Rows(GitWorkingTree.Open(context.Root), EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model));

        var table = new Table().AddColumns("App", "Environment", "Tag", "Set by", "");
        foreach (var row in rows)
        {
            var setBy = row.LastChange is { } c ? $"{c.ShortSha} {c.When:yyyy-MM-dd} {c.Subject}" : "(not committed)";
            table.AddRow(Cell(row.App), Cell(row.Environment), Cell(row.Tag ?? "(unset)"), Cell(setBy), row.Behind ? "[yellow]behind[/]" : "");
        }
        AnsiConsole.Write(table);
    }

    // Names, tags and commit subjects come from the repository: one line, no workflow command, no markup.
    private static string Cell(string text) => Markup.Escape(Primitives.ConsoleText.Cell(VisibleText.OneLine(text)));
}
