using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// Output that is not a terminal (a CI log, a file, a pipe) has no width of its own; Spectre assumes
/// 80 columns and then wraps every path, or collapses a table whose unwrappable columns (image
/// references) do not fit into a single "…". Tables written for logs get room instead.
/// </summary>
public static class LogWidth
{
    public const int Columns = 200;

    public static void Widen(IAnsiConsole console)
    {
        if (!console.Profile.Out.IsTerminal && console.Profile.Width < Columns) console.Profile.Width = Columns;
    }
}
