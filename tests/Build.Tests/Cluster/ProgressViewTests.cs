using GitOps.Build.Cluster.Wait;
using Spectre.Console;

namespace GitOps.Build.Tests.Cluster;

/// <summary>On a non-interactive console (CI) the Applications' progress is one plain line per change.</summary>
public sealed class ProgressViewTests
{
    private static ApplicationState App(string name, bool automated, string sync, string health) =>
        new(name, automated, sync, health, null, [], null, null);

    [Fact]
    public async Task Plain_lines_are_printed_once_per_change_and_mark_manual_apps_as_waiting_for_approval()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        var result = await new ConsoleProgressView(console).RunAsync(progress =>
        {
            progress.Update([App("dev", true, "OutOfSync", "Missing"), App("prod", false, "OutOfSync", "Missing")]);
            progress.Update([App("dev", true, "OutOfSync", "Missing"), App("prod", false, "OutOfSync", "Missing")]);
            progress.Update([App("dev", true, "Synced", "Healthy"), App("prod", false, "OutOfSync", "Missing")]);
            return Task.FromResult(42);
        });

        Assert.Equal(42, result);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([
            "application dev: OutOfSync/Missing",
            "application prod: OutOfSync/Missing (waiting for approval)",
            "application dev: Synced/Healthy",
        ], lines);
    }
}
