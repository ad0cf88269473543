using Cake.Core.Diagnostics;

namespace GitOps.Build.Primitives;

/// <summary>
/// Plain lines through Cake's log. Cake treats a message as a format string and highlights its
/// arguments; text we composed ourselves (paths, YAML, braces) must not be read as a format. What
/// the messages quote from the repository cannot start a CI workflow command (<see cref="ConsoleText.Lines"/>).
/// </summary>
public static class LogExtensions
{
    public static void Say(this ICakeLog log, string text) => log.Information(Escape(text));
    public static void Warn(this ICakeLog log, string text) => log.Warning(Escape(text));
    public static void Fail(this ICakeLog log, string text) => log.Error(Escape(text));
    public static void Detail(this ICakeLog log, string text) => log.Verbose(Escape(text));

    private static string Escape(string text) => ConsoleText.Lines(text).Replace("{", "{{").Replace("}", "}}");
}
