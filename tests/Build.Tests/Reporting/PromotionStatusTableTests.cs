using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>PromotionStatus's table shows every row wherever it is written: a CI log, a pipe, a narrow terminal.</summary>
public sealed class PromotionStatusTableTests
{
    private const string Api = "registry.example.com/schedule/schedule-api-admin:1.4.1";
    private const string Bot = "registry.example.com/schedule/schedule-bot:1.5.1";

    private static PromotionStatusRow Row(string app, string image) =>
        new(app, "prod", ImageReference.Parse(image).Tag, ImageReference.Parse(image).Repository,
            [new RenderedContainer($"Deployment/{app}", app, false, "/spec/template/spec/containers/0/image", ImageReference.Parse(image))],
            new GitCommitSummary("02db2ab5c0ffee", new DateTimeOffset(2026, 4, 18, 9, 0, 0, TimeSpan.Zero), $"{app}: update the version to the one the release notes of this week name"),
            Behind: false);

    private static readonly PromotionStatusRow[] Rows = [Row("api", Api), Row("bot", Bot)];

    [Fact]
    public void Output_that_is_not_a_terminal_gets_every_row_and_whole_references()
    {
        var output = new StringWriter();
        PromotionStatusTable.Write(ProcessConsole.Create(output, new Terminal(IsTerminal: false, Colour: false)), Rows);
        var text = output.ToString();
        Assert.Contains(Api, text);
        Assert.Contains(Bot, text);
        Assert.Contains("02db2ab 2026-04-18", text);
    }

    [Fact]
    public void A_narrow_terminal_wraps_a_reference_rather_than_hiding_the_table()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new NarrowTerminal(output) });
        PromotionStatusTable.Write(console, Rows);
        var text = output.ToString();
        Assert.True(text.Split('\n').All(line => line.TrimEnd().Length <= 60), text);
        Assert.Contains("api", text);
        Assert.Contains("bot", text);
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
