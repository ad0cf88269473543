using System.Text.RegularExpressions;

namespace GitOps.Build.Findings;

/// <summary>
/// Takes values out of the messages other tools write before they become findings. helm's schema
/// errors, Go's YAML decoder and template errors quote the offending value
/// (<c>'hunter2' does not match pattern '^Ag'</c>, <c>cannot unmarshal !!str `hunter2`</c>,
/// <c>parsing "hunter2": invalid syntax</c>); such a value may be a secret, and a finding goes to the
/// console, GitHub annotations, junit.xml and findings.json. Every quoted text (single, double or
/// back quotes) becomes <c>&lt;value&gt;</c>, except what names a place rather than a value: helm's
/// JSON pointer (<c>at '/secrets/data/X'</c>), the template helm was executing
/// (<c>executing "demo/templates/x.yaml"</c>), a schema's pattern, property names and list of allowed
/// values (<c>missing property 'tag'</c>, <c>one of 'Always', 'IfNotPresent'</c>), and a YAML parser's
/// punctuation token (<c>','</c>, <c>']'</c>).
/// </summary>
public static partial class MessageRedactor
{
    public const string Placeholder = "<value>";

    // A quote opens where a word does not go on (so "don't" opens nothing) and closes before a
    // non-word character; backslash escapes inside (Go's %q) are skipped. A value quoted inside a
    // quoted log field (message="token \"x\" is bad") is caught whole or, alone, as \"x\".
    [GeneratedRegex("""\\"(?<body>[^"\\\n]*)\\"|(?<![\w\\])'(?<body>(?:[^'\\\n]|\\.)*)'(?!\w)|(?<!\\)"(?<body>(?:[^"\\\n]|\\.)*)"|`(?<body>[^`\n]*)`""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[^\p{L}\p{N}\s]{1,3}$")]
    private static partial Regex Punctuation();

    // The words before a quote that name a place or a rule, not a value.
    private static readonly string[] PlaceWords = ["at", "executing", "pattern", "property", "properties"];

    [GeneratedRegex(@"^[\w.-]+(?:/[\w.-]+)*\.(?:yaml|yml|tpl|txt)$")]
    private static partial Regex TemplateName();

    /// <summary>
    /// <paramref name="message"/> with every one of <paramref name="values"/> (known secret values, e.g. a
    /// secretGenerator's literals, which kustomize prints unquoted) replaced, longest first; values of fewer
    /// than four characters are left, as replacing them would take letters out of every word.
    /// </summary>
    public static string Without(string message, IEnumerable<string> values)
    {
        foreach (var value in values.Where(v => v.Trim().Length >= 4).OrderByDescending(v => v.Length))
            message = message.Replace(value, Placeholder, StringComparison.Ordinal);
        return message;
    }

    public static string Redact(string message) => Redact(message, out _);

    /// <summary>
    /// <see cref="Redact(string)"/>, saying how many characters it looked at: each quote is judged by the few
    /// words just before it (and a schema's list of allowed values by the list it continues), never by all
    /// the text before it, so a message of a million quotes (a chart's <c>fail</c> can print one) costs a
    /// small multiple of its length, not its square.
    /// </summary>
    internal static string Redact(string message, out long examined)
    {
        examined = 0;
        if (string.IsNullOrEmpty(message)) return message;
        var sb = new System.Text.StringBuilder(message.Length);
        var last = 0;
        var listEnd = -1; // where the last kept item of a schema's list of allowed values ends
        foreach (Match match in Quoted().Matches(message))
        {
            examined += match.Index + match.Length - last;
            var (keep, inList) = Keep(message, match, listEnd, ref examined);
            listEnd = inList ? match.Index + match.Length : -1;
            sb.Append(message, last, match.Index - last).Append(keep ? match.Value : Placeholder);
            last = match.Index + match.Length;
        }
        examined += message.Length - last;
        return sb.Append(message, last, message.Length - last).ToString();
    }

    /// <returns>Whether the quote stays, and whether it is an item of a schema's list of allowed values.</returns>
    private static (bool Keep, bool InList) Keep(string message, Match match, int listEnd, ref long examined)
    {
        var body = match.Groups["body"].Value;
        if (body == Placeholder || Punctuation().IsMatch(body)) return (true, false);
        // The schema's enum (value must be one of 'Always', 'IfNotPresent'), not the value: after "one of", or after the list's previous item and a comma.
        if (match.Value[0] == '\'' && (listEnd >= 0 && CommaBetween(message, listEnd, match.Index, ref examined) || WordBefore(message, match.Index, ref examined, out _, "one of")))
            return (true, true);
        WordBefore(message, match.Index, ref examined, out var word, PlaceWords);
        return (word switch
        {
            "at" => match.Value[0] == '\'' && body.StartsWith('/'),   // helm's JSON pointer: at '/secrets/data/X'
            "executing" => TemplateName().IsMatch(body),              // the template helm ran: executing "demo/templates/x.yaml"
            "pattern" => true,                                        // the schema's own pattern, not the value
            "property" or "properties" => true,                       // a key's name (missing property 'tag'), not its value
            _ => false,
        }, false);
    }

    /// <summary>Only a comma and white space between <paramref name="from"/> and <paramref name="to"/> (the gaps are disjoint: each character is looked at once).</summary>
    private static bool CommaBetween(string message, int from, int to, ref long examined)
    {
        var gap = message.AsSpan(from, to - from);
        examined += gap.Length;
        return gap.TrimStart().StartsWith(",") && gap.TrimStart()[1..].Trim().Length == 0;
    }

    /// <summary>
    /// Whether one of <paramref name="words"/> stands just before <paramref name="index"/> (after white space),
    /// preceded by the start, white space or '('; looks at no more than the longest word and the space before it.
    /// </summary>
    private static bool WordBefore(string message, int index, ref long examined, out string? found, params string[] words)
    {
        found = null;
        var end = index;
        while (end > 0 && char.IsWhiteSpace(message[end - 1]) && index - end < 64) { end--; examined++; }
        foreach (var word in words)
        {
            var start = end - word.Length;
            examined += word.Length;
            if (start < 0 || !message.AsSpan(start, word.Length).SequenceEqual(word)) continue;
            if (start > 0 && !(char.IsWhiteSpace(message[start - 1]) || message[start - 1] == '(')) continue;
            found = word;
            return true;
        }
        return false;
    }
}
