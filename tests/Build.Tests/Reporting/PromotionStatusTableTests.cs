using GitOps.Build.Promotion;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// The PromotionStatus table in a CI log or a pipe: Spectre gives output that is not a terminal 80
/// columns, where a table whose image references may not wrap collapses to a single "…"; a narrow
/// terminal wraps a reference instead.
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

    [Fact]
    public void An_app_with_several_Applications_in_an_environment_has_a_row_for_each_named()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(output) });
        PromotionStatusTable.Write(console, [
            Row("api", Api) with { Application = "api-prod-eu" },
            Row("api", Api) with { Application = "api-prod-us" },
            Row("bot", Bot) with { Application = "bot-prod" },
        ]);
        var text = output.ToString();
        Assert.Contains("prod (api-prod-eu)", text);
        Assert.Contains("prod (api-prod-us)", text);
        Assert.DoesNotContain("bot-prod", text); // the only one of its app there: the environment says enough
    }

    private const string Api = "registry.example.com/schedule/schedule-api-admin:1.4.1";
    private const string Bot = "registry.example.com/schedule/schedule-bot:1.5.1";

    private static PromotionStatusRow Row(string app, string image) =>
        new(app, "prod", Manifests.ImageReference.Parse(image).Tag, Manifests.ImageReference.Parse(image).Repository,
            [new RenderedContainer($"Deployment/{app}", app, false, "/spec/template/spec/containers/0/image", Manifests.ImageReference.Parse(image))],
            new Git.GitCommitSummary("02db2ab5c0ffee", new DateTimeOffset(2026, 4, 18, 9, 0, 0, TimeSpan.Zero), $"{app}: update the version to the one the release notes of this week name"),
            Behind: false);

    [Fact]
    public void A_narrow_terminal_wraps_a_reference_rather_than_hiding_the_table()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new NarrowTerminal(output) });
        PromotionStatusTable.Write(console, [Row("api", Api), Row("bot", Bot)]);
        var text = output.ToString();
        Assert.True(text.Split('\n').All(line => line.TrimEnd().Length <= 60), text);
        // Each row's image cell, its wrapped lines joined, is the whole reference.
        var images = new List<string>();
        foreach (var cells in text.Split('\n').Where(l => l.StartsWith('│')).Skip(1).Select(l => l.Split('│')))
        {
            if (cells[1].Trim().Length > 0) images.Add("");
            images[^1] += cells[3].Trim();
        }
        Assert.Equal([Api, Bot], images);
    }

    /// <summary>A terminal 60 columns wide.</summary>
    private sealed class NarrowTerminal(TextWriter writer) : IAnsiConsoleOutput
    {
        public TextWriter Writer => writer;
        public bool IsTerminal => true;
        public int Width => 60;
        public int Height => 24;
        public void SetEncoding(System.Text.Encoding encoding) { }
    }
}
