using Spectre.Console;

namespace GitOps.Build.Cluster.Wait;

/// <summary>
/// A live table of Applications on an interactive terminal; on CI (no TTY) one plain line per change,
/// so logs stay readable and grep-able.
/// </summary>
public sealed class ConsoleProgressView(IAnsiConsole console) : IApplicationProgressView
{
    public async Task<T> RunAsync<T>(Func<IApplicationProgress, Task<T>> body)
    {
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
            return await body(new PlainLines(console));

        var table = NewTable();
        T result = default!;
        await console.Live(table).AutoClear(false).StartAsync(async ctx =>
        {
            result = await body(new LiveTable(table, ctx));
        });
        return result;
    }

    private static Table NewTable() => new Table().AddColumns("Application", "Sync", "Health", "State");

    private sealed class LiveTable(Table table, LiveDisplayContext ctx) : IApplicationProgress
    {
        public void Update(IReadOnlyList<ApplicationState> applications)
        {
            table.Rows.Clear();
            foreach (var a in applications.OrderBy(a => a.Name, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(a.Name), Markup.Escape(a.Sync), Markup.Escape(a.Health), Verdict(a));
            ctx.Refresh();
        }

        private static string Verdict(ApplicationState a) => a.Verdict switch
        {
            ApplicationVerdict.Green => "[green]done[/]",
            ApplicationVerdict.WaitingForApproval => "[yellow]waiting for approval[/]",
            _ => "[grey]in progress[/]",
        };
    }

    private sealed class PlainLines(IAnsiConsole console) : IApplicationProgress
    {
        private readonly Dictionary<string, string> _seen = new();

        public void Update(IReadOnlyList<ApplicationState> applications)
        {
            foreach (var a in applications)
            {
                var line = $"{a.Sync}/{a.Health}" + (a.Verdict == ApplicationVerdict.WaitingForApproval ? " (waiting for approval)" : "");
                if (_seen.TryGetValue(a.Name, out var old) && old == line) continue;
                _seen[a.Name] = line;
                console.WriteLine($"  application {a.Name}: {line}");
            }
        }
    }
}
