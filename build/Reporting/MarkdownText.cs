using System.Text;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// The one escaper for text from the repository (file names, Application, unit and object names,
/// environment labels, messages, diffs) in the Markdown the suite writes: diff.md, diff-full.md and
/// the job summary, which GitHub renders in a pull request. A pull request chooses those names, and
/// a raw one could end a table row or a code span, open an HTML comment that hides everything after
/// it (<c>&lt;!--</c> appears only in <see cref="DiffMarkdown.Marker"/>), mention someone, reference
/// an issue or link somewhere. So every value is one line (line breaks, other control characters and
/// invisible format characters such as direction overrides are shown as <c>\n</c>, <c>\u202E</c>),
/// and then, by where it goes: <see cref="Text"/> in a paragraph or table cell, <see cref="Html"/>
/// inside raw HTML, <see cref="Code"/> as a code span, <see cref="Block"/> as a fenced code block.
/// </summary>
public static class MarkdownText
{
    // Between two characters it keeps GitHub from reading a mention, an issue reference or a link;
    // invisible when rendered. Text from the repository never holds one: format characters are shown escaped.
    private const char Joiner = '\u200D';

    /// <summary>Text in a paragraph, list item or table cell: HTML escaped, Markdown's inline syntax (and the cell separator) escaped, no mention, reference or link.</summary>
    public static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in Neutral(VisibleText.OneLine(text)))
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                // Emphasis, code, links and images (which need a bracket), strikethrough, math, the table's separator.
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '$':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Text inside raw HTML (a &lt;summary&gt;), where Markdown is not read: HTML escaped, no mention, reference or link.</summary>
    public static string Html(string text) => System.Net.WebUtility.HtmlEncode(Neutral(VisibleText.OneLine(text)));

    /// <summary>A code span: fenced with more backticks than any run inside it, so nothing in it can close it.</summary>
    public static string Code(string text)
    {
        var line = NoComment(VisibleText.OneLine(text));
        var fence = new string('`', LongestRun(line, '`') + 1);
        // A span that starts or ends with a backtick needs a space inside each fence (CommonMark strips one each side).
        var pad = line.StartsWith('`') || line.EndsWith('`') || (line.StartsWith(' ') && line.EndsWith(' ') && line.Trim().Length > 0) ? " " : "";
        return fence + pad + line + pad + fence;
    }

    /// <summary>
    /// A fenced code block of <paramref name="text"/> (its lines kept; other control and format
    /// characters shown escaped), the fence longer than any run of backticks in it. Ends with a line break.
    /// </summary>
    public static string Block(string text, string info = "")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length > 1 && lines[^1].Length == 0) lines = lines[..^1];
        var body = string.Join('\n', lines.Select(l => NoComment(VisibleText.OneLine(l))));
        var fence = new string('`', Math.Max(3, LongestRun(body, '`') + 1));
        return $"{fence}{info}\n{body}\n{fence}\n";
    }

    /// <summary>
    /// What GitHub would turn into a mention (<c>@name</c>), an issue reference (<c>#12</c>) or a
    /// link (<c>https://</c>, <c>www.</c>, an e-mail address) broken by a joiner; and no <c>&lt;!--</c>.
    /// </summary>
    private static string Neutral(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            // "www." is read as a link's start: the joiner goes before its dot.
            if (c == '.' && i >= 3 && string.Equals(text.Substring(i - 3, 3), "www", StringComparison.OrdinalIgnoreCase)) sb.Append(Joiner);
            sb.Append(c);
            var breaks = c switch
            {
                '@' => true,
                '#' => char.IsAsciiDigit(next),
                ':' => next == '/',
                '<' => next == '!',
                _ => false,
            };
            if (breaks) sb.Append(Joiner);
        }
        return sb.ToString();
    }

    /// <summary>Code is shown as written, except that the raw text never holds <c>&lt;!--</c> (only the marker does).</summary>
    private static string NoComment(string text) => text.Replace("<!--", $"<{Joiner}!--", StringComparison.Ordinal);

    private static int LongestRun(string text, char c)
    {
        var (longest, run) = (0, 0);
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
