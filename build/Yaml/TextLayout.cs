namespace GitOps.Build.Yaml;

/// <summary>Line-level facts about a text that edits must respect: its line ending and where lines start.</summary>
internal sealed class TextLayout(string text)
{
    /// <summary>CRLF when the file uses it anywhere, LF otherwise.</summary>
    public string NewLine { get; } = text.Contains("\r\n") ? "\r\n" : "\n";

    /// <summary>0-based column of <paramref name="index"/>: characters since the previous line break.</summary>
    public int ColumnOf(int index) => index == 0 ? 0 : index - (text.LastIndexOf('\n', index - 1) + 1);

    /// <summary>
    /// The first index of the line after the one holding <paramref name="index"/>; when <paramref name="index"/>
    /// already starts a line (the character before it is a line break) that is <paramref name="index"/> itself.
    /// The end of the text when there is no further line.
    /// </summary>
    public int StartOfNextLine(int index)
    {
        if (index > 0 && index <= text.Length && text[index - 1] == '\n') return index;
        var lf = text.IndexOf('\n', Math.Min(index, text.Length));
        return lf < 0 ? text.Length : lf + 1;
    }

    /// <summary>The start of the line after the line that starts at <paramref name="lineStart"/> (the text's end for the last line).</summary>
    public int LineAfter(int lineStart)
    {
        var lf = text.IndexOf('\n', lineStart);
        return lf < 0 ? text.Length : lf + 1;
    }
}
