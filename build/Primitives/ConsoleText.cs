using System.Text;

namespace GitOps.Build.Primitives;

/// <summary>
/// Text the suite prints to a console that may be a CI log. GitHub's runner reads a line of a step's
/// output as a workflow command when it starts with <c>::</c> (after spaces: <c>::error title=…::</c>
/// makes an annotation, <c>::add-mask::</c>, <c>::stop-commands::</c>) and, in its older syntax, when
/// it holds <c>##[</c> anywhere; file and object names from a pull request must not be able to do
/// that. Only Reporting.GitHubAnnotations writes commands, escaped by the documented rules. Here
/// such a sequence gets a zero-width space inside it (<c>:​:</c>, <c>##​[</c>): it reads the same, and
/// the runner sees no command.
/// </summary>
public static class ConsoleText
{
    private const char Breaker = '\u200B';

    /// <summary>
    /// A log message: each of its lines (split where the runner splits them: \n, \r) that would start
    /// a command, and every <c>##[</c>, broken. Line breaks stay: the suite's own messages have them.
    /// </summary>
    public static string Lines(string text)
    {
        if (!text.Contains("::", StringComparison.Ordinal) && !text.Contains("##[", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            sb.Append(c);
            if (c is '\n' or '\r') { lineStart = true; continue; }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (lineStart && c == ':' && next == ':') sb.Append(Breaker);
            else if (c == '#' && next == '[' && i > 0 && text[i - 1] == '#') sb.Append(Breaker);
            if (!char.IsWhiteSpace(c)) lineStart = false;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Text in a table cell, which the table may wrap anywhere: every <c>::</c> and <c>##[</c> broken,
    /// not only at the start of a line.
    /// </summary>
    public static string Cell(string text) =>
        text.Replace("::", $":{Breaker}:", StringComparison.Ordinal).Replace("##[", $"##{Breaker}[", StringComparison.Ordinal);
}
