using System.Text;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// Text from the repository inside a Graphviz DOT file: always in a double-quoted string, with the
/// quote and the backslash escaped (so a quote cannot end the string and a backslash cannot become
/// one of DOT's label escapes such as <c>\N</c> or <c>\l</c>), <c>&amp;</c> written as <c>&amp;amp;</c>
/// (Graphviz reads entities in labels) and a line break or other control character shown as its
/// escape (<c>\n</c> as two characters) first. Node and cluster ids are generated, never repository text.
/// </summary>
public static class DotText
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in VisibleText.OneLine(text))
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '&': sb.Append("&amp;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Label lines as one quoted DOT string, the lines joined by DOT's centred line break.</summary>
    public static string Quoted(IEnumerable<string> lines) => "\"" + string.Join("\\n", lines.Select(Escape)) + "\"";
}
