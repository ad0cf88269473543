using Spectre.Console;

namespace GitOps.Build.Cluster;

/// <summary>Where cluster targets report progress; tasks adapt it to the console, tests record it.</summary>
public interface IClusterLog
{
    void Information(string message);
    void Warning(string message);
    void Verbose(string message);
}

/// <summary>Console log: warnings in yellow, verbose lines only when asked for.</summary>
public sealed class ConsoleClusterLog(IAnsiConsole console, bool verbose = false) : IClusterLog
{
    public void Information(string message) => console.MarkupLine(Markup.Escape(message));
    public void Warning(string message) => console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
    public void Verbose(string message) { if (verbose) console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"); }
}
