using System.Globalization;
using System.Text;

namespace GitOps.Build.Primitives;

/// <summary>Text from outside (a repository, a report read back) shown so that what it holds is seen, not acted on.</summary>
public static class VisibleText
{
    /// <summary>
    /// One line: each control character (line breaks included), line or paragraph separator and
    /// invisible format character (direction overrides, zero-width characters) written as its escape,
    /// so it is seen rather than acted on; a backslash stays as it is.
    /// </summary>
    public static string OneLine(string text)
    {
        StringBuilder? sb = null;
        var at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var hidden = Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
            if (hidden)
            {
                sb ??= new StringBuilder(text, 0, at, text.Length + 16);
                sb.Append(rune.Value switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < 0x10000 => $"\\u{rune.Value:X4}",
                    _ => $"\\U{rune.Value:X8}",
                });
            }
            else sb?.Append(rune.ToString());
            at += rune.Utf16SequenceLength;
        }
        return sb?.ToString() ?? text;
    }
}
