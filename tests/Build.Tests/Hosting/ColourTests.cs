using System.Diagnostics;
using Cake.Core.Diagnostics;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Support;
using Spectre.Console;

namespace GitOps.Build.Tests.Hosting;

/// <summary>Colour only on a terminal: no escape codes into files and pipes, none with NO_COLOR.</summary>
public class ColourTests
{
    private const char Escape = '\u001b';

    [Theory]
    [InlineData(false, null, true, true)]
    [InlineData(false, "", true, true)]
    [InlineData(false, "1", true, false)]
    [InlineData(true, null, false, false)]
    [InlineData(true, "1", false, false)]
    public void Colour_is_for_a_terminal_without_NO_COLOR(bool redirected, string? noColor, bool terminal, bool colour)
    {
        var seen = Terminal.Of(redirected, name => name == "NO_COLOR" ? noColor : null);
        Assert.Equal((terminal, colour), (seen.IsTerminal, seen.Colour));
    }

    [Fact]
    public void The_log_writes_escape_codes_only_when_colour_is_on()
    {
        string Logged(Terminal terminal)
        {
            var output = new StringWriter();
            var log = new CakeBuildLog(ProcessConsole.Log(output, output, terminal));
            log.Error("an error");
            log.Warning("a warning");
            return output.ToString();
        }

        Assert.DoesNotContain(Escape, Logged(new Terminal(IsTerminal: false, Colour: false)));
        Assert.DoesNotContain(Escape, Logged(new Terminal(IsTerminal: true, Colour: false)));
        Assert.Contains(Escape, Logged(new Terminal(IsTerminal: true, Colour: true)));
    }

    [Fact]
    public void Tables_and_markup_off_a_terminal_carry_no_escape_codes()
    {
        var output = new StringWriter();
        var console = ProcessConsole.Create(output, new Terminal(IsTerminal: false, Colour: false));
        console.MarkupLine("[red]failed[/] [yellow]warning[/]");
        console.Write(new Table().AddColumns("[green]Rule[/]").AddRow("[red]X[/]"));
        Assert.Contains("failed", output.ToString());
        Assert.DoesNotContain(Escape, output.ToString());
    }

    [Fact]
    public void A_run_whose_output_is_a_pipe_writes_no_escape_codes_even_where_CI_and_TERM_invite_them()
    {
        // Findings (a red table), errors on the log, the closing line: all into pipes.
        using var repo = new RepoBuilder().RootApp().Chart("chart")
            .File("argocd/apps/a.yaml", RepoBuilder.Application("a", "chart", helm: "      valueFiles: [../values/gone.yaml]"));
        var (code, output) = Run("--target=Lint", $"--root={repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", "--offline", "--no-cache");
        Assert.True(code == 1, output);
        Assert.Contains("GITOPS-VALUES", output);
        Assert.DoesNotContain(Escape, output);

        var (usage, refused) = Run("--target=NoSuchTarget");
        Assert.Equal(2, usage);
        Assert.Contains("does not exist", refused);
        Assert.DoesNotContain(Escape, refused);
    }

    /// <summary>The build program, in the environment that makes Cake and Spectre colour by default.</summary>
    private static (int Code, string Output) Run(params string[] args)
    {
        var start = BuildProgram.StartInfo(args);
        // What makes Cake and Spectre colour by default although nobody reads a terminal.
        start.Environment["GITHUB_ACTIONS"] = "true";
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        return BuildProgram.Run(start);
    }
}
