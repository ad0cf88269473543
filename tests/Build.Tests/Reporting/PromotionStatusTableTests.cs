using GitOps.Build.Promotion;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// The PromotionStatus table in a CI log or a pipe: Spectre gives output that is not a terminal 80
/// columns, where a table whose image references may not wrap collapses to a single "…".
/// </summary>
public class PromotionStatusTableTests
{
    [Fact]
    public void A_log_shows_every_reference_whole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        var rows = new[] { "dev", "staging", "prod" }.Select(env => new PromotionStatusRow(
            "ontu-schedule-bot-admin", env, $"v1.0.0-{env}-build", "ghcr.io/wandering-cursor/ontu-schedule-bot-admin", [],
            new Git.GitCommitSummary("5c16390aa0b1", DateTimeOffset.Parse("2026-11-28T10:00:00Z"), $"Promote to {env} with a long enough subject to need room"),
            Behind: env != "dev")).ToList();

        PromotionStatusTable.Write(console, rows);

        var text = output.ToString();
        foreach (var env in new[] { "dev", "staging", "prod" })
            Assert.Contains($"ghcr.io/wandering-cursor/ontu-schedule-bot-admin:v1.0.0-{env}-build", text);
        Assert.Contains("behind", text);
    }
}
