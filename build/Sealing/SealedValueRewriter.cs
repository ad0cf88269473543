namespace GitOps.Build.Sealing;

/// <summary>
/// Replaces sealed values in YAML text in place, by the character ranges <see cref="SealedValueLocator"/>
/// found: only those characters change, each value keeps its quoting style, and every other byte
/// (comments, order, blank lines) stays. Base64 needs no escaping in plain, single- or double-quoted style.
/// </summary>
public static class SealedValueRewriter
{
    public static string Replace(string text, IEnumerable<(SealedValue Location, string NewValue)> replacements)
    {
        var ordered = replacements.OrderByDescending(r => r.Location.Start).ToList();
        for (int i = 1; i < ordered.Count; i++)
            if (ordered[i].Location.End > ordered[i - 1].Location.Start)
                throw new ArgumentException($"{ordered[i].Location.Position}: overlapping replacements.", nameof(replacements));

        var result = text;
        foreach (var (location, newValue) in ordered)
        {
            if (newValue.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')))
                throw new ArgumentException("A sealed value is base64 text.", nameof(replacements));
            var token = result[location.Start..location.End];
            var quote = token.Length > 0 && token[0] is '"' or '\'' ? token[0].ToString() : "";
            result = result[..location.Start] + quote + newValue + quote + result[location.End..];
        }
        return result;
    }
}
