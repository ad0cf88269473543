using Cake.Core;
using GitOps.Build.Primitives;
using Spectre.Console;

namespace GitOps.Build.Hosting;

/// <summary>
/// The consoles a run writes through, over writers it is given (standard output and error for a run,
/// a buffer in a test): Spectre's (tables, help, progress) and Cake's (the log). Both follow one rule
/// (<see cref="Terminal"/>): escape codes only on a terminal, colour only there and without NO_COLOR.
/// </summary>
public static class ProcessConsole
{
    private static readonly Lazy<IAnsiConsole> Standard = new(() => Create(Console.Out, Terminal.Current));

    /// <summary>Spectre's console over this process's standard output.</summary>
    public static IAnsiConsole Output => Standard.Value;

    /// <summary>Spectre's console over <paramref name="output"/>.</summary>
    public static IAnsiConsole Create(TextWriter output, Terminal terminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = terminal.IsTerminal ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = terminal.Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Out = new AnsiConsoleOutput(output),
    });

    /// <summary>Cake's console (the log) over standard output and error, coloured only when <paramref name="terminal"/> allows it.</summary>
    public static IConsole Log(TextWriter output, TextWriter error, Terminal terminal) => new LogConsole(output, error, terminal.Colour);

    /// <summary>
    /// Cake's log writes colour as escape codes when the console says it supports them, and otherwise
    /// sets the console's colours: those are kept, never written, so a run without colour has none.
    /// </summary>
    private sealed class LogConsole(TextWriter output, TextWriter error, bool colour) : IConsole
    {
        public ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public bool SupportAnsiEscapeCodes => colour;
        public void Write(string format, params object[] arg) => output.Write(Format(format, arg));
        public void WriteLine(string format, params object[] arg) => output.WriteLine(Format(format, arg));
        public void WriteError(string format, params object[] arg) => error.Write(Format(format, arg));
        public void WriteErrorLine(string format, params object[] arg) => error.WriteLine(Format(format, arg));
        public void ResetColor() { }

        private static string Format(string format, object[] arg) => arg.Length > 0 ? string.Format(format, arg) : format;
    }
}
