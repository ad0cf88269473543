using Spectre.Console;

namespace GitOps.Build.Reporting;

/// <summary>
/// The width a table is drawn to. Output that is not a terminal (a CI log, a file, a pipe) has no
/// width, and Spectre would assume 80 columns: every path wraps, and a table whose unbreakable
/// columns do not fit in 80 is drawn as a single "…". Such output gets 200 columns.
/// </summary>
public static class TableWidth
{
    public const int Unbounded = 200;

    public static void Fit(IAnsiConsole console)
    {
        if (!console.Profile.Out.IsTerminal && console.Profile.Width < Unbounded) console.Profile.Width = Unbounded;
    }
}
