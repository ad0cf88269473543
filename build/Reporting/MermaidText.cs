using System.Text;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// Text from the repository inside a Mermaid diagram: always in a quoted label (<c>n1["…"]</c>), and
/// there with every character but ASCII letters, digits, the space and <c>. , - _ / :</c> written as
/// Mermaid's entity code (<c>#34;</c> for a quote, <c>#60;</c> for <c>&lt;</c>), which Mermaid turns
/// back into the character when it draws. So a quote cannot end the label; brackets, <c>--&gt;</c>,
/// <c>%%</c> (a comment or a directive), <c>click</c>, backticks (a Markdown label, or the end of the
/// fence around the diagram), <c>#</c> (an entity of its own), backslashes and HTML are shown, not
/// read; a line break or other control character is shown as its escape (<c>\n</c>) first.
/// Node and subgraph ids are generated (Mapping), never repository text.
/// </summary>
public static class MermaidText
{
    public static string Label(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var rune in VisibleText.OneLine(text).EnumerateRunes())
        {
            var v = rune.Value;
            if (v < 128 && (char.IsAsciiLetterOrDigit((char)v) || v is ' ' or '.' or ',' or '-' or '_' or '/' or ':')) sb.Append((char)v);
            else sb.Append('#').Append(v).Append(';');
        }
        return sb.ToString();
    }

    /// <summary>Label lines as one quoted Mermaid label, the lines joined by <c>&lt;br/&gt;</c>.</summary>
    public static string Quoted(IEnumerable<string> lines) => "\"" + string.Join("<br/>", lines.Select(Label)) + "\"";
}
