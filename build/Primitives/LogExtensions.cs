using Cake.Core.Diagnostics;

namespace GitOps.Build.Primitives;

/// <summary>
/// Plain lines through Cake's log. Cake's log writes a message given without arguments as it is (it
/// reads a format only to highlight arguments), so text we composed ourselves (paths, YAML, braces such
/// as <c>images: [{name: …}]</c>) goes in unchanged: doubling its braces printed them doubled. What the
/// messages quote from the repository cannot start a CI workflow command (<see cref="ConsoleText.Lines"/>).
/// </summary>
public static class LogExtensions
{
    public static void Say(this ICakeLog log, string text) => log.Information(Escape(text));
    public static void Warn(this ICakeLog log, string text) => log.Warning(Escape(text));
    public static void Fail(this ICakeLog log, string text) => log.Error(Escape(text));
    public static void Detail(this ICakeLog log, string text) => log.Verbose(Escape(text));

    private static string Escape(string text) => ConsoleText.Lines(text);
}
