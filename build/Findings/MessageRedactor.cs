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

    // The word before a quote that names a place or a rule, not a value.
    [GeneratedRegex(@"(?:^|[\s(])(?<word>at|executing|pattern|property|properties)\s*$")]
    private static partial Regex PlaceBefore();

    // A schema's own list of allowed values: value must be one of 'Always', 'IfNotPresent'.
    [GeneratedRegex(@"\bone of\s+(?:'[^'\n]*',\s*)*$")]
    private static partial Regex AllowedList();

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

    public static string Redact(string message) =>
        string.IsNullOrEmpty(message) ? message : Quoted().Replace(message, m => Keep(message, m) ? m.Value : Placeholder);

    private static bool Keep(string message, Match match)
    {
        var body = match.Groups["body"].Value;
        if (body == Placeholder || Punctuation().IsMatch(body)) return true;
        if (match.Value[0] == '\'' && AllowedList().IsMatch(message[..match.Index])) return true; // the schema's enum, not the value
        var before = PlaceBefore().Match(message[..match.Index]);
        return before.Groups["word"].Value switch
        {
            "at" => match.Value[0] == '\'' && body.StartsWith('/'),   // helm's JSON pointer: at '/secrets/data/X'
            "executing" => TemplateName().IsMatch(body),              // the template helm ran: executing "demo/templates/x.yaml"
            "pattern" => true,                                        // the schema's own pattern, not the value
            "property" or "properties" => true,                       // a key's name (missing property 'tag'), not its value
            _ => false,
        };
    }
}
