using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Argo CD's Go template semantics where helm's engine differs, written into the template text
/// before helm renders it (only inside actions; text outside <c>{{ }}</c>, strings and comments
/// are never touched, and no line is added, so helm's line numbers stay the template's):
/// <list type="bullet">
/// <item>Argo CD runs text/template with its default missingkey option, where a lookup through a
/// missing key gives "no value" all the way down (<c>{{.nope.deeper}}</c> prints
/// <c>&lt;no value&gt;</c>); helm's engine sets missingkey=zero, where the missing key is a nil
/// and the next lookup fails ("nil pointer evaluating interface {}.deeper"). A chain of two or
/// more field lookups (<c>.a.b</c>, <c>$.a.b</c>, <c>$x.a.b</c>) becomes sprig's
/// <c>dig "a" "b" nil .</c>: the value when every key is there, nil (printed
/// <c>&lt;no value&gt;</c>) when one is missing, an error when a step is not a map, as in Argo CD
/// (a variable is read as an empty map when it holds nothing, as after <c>$x := .nope</c>). One
/// lookup (<c>.a</c>, <c>$x.a</c>) is the same in both engines and left alone. Not done under
/// missingkey=error, where both fail.</item>
/// <item>A cluster's <c>metadata.labels</c> and <c>metadata.annotations</c> are Go string maps in Argo CD
/// (<see cref="StringMaps"/>), where a missing key is "": for those sets, <c>index .metadata.labels "k"</c>
/// becomes <c>index .metadata.labels "k" | default ""</c> (index ignores missingkey) and
/// <c>.metadata.labels.k</c> becomes <c>dig "metadata" "labels" "k" "" .</c> (not under missingkey=error, where
/// Go fails "map has no entry for key" and helm prints the nil the missing-key check fails on).</item>
/// <item>Argo CD's own functions and those whose meaning differs (<c>normalize</c>, <c>slugify</c>,
/// <c>fromJson</c>, <c>fromYaml</c>, <c>fromYamlArray</c>) become calls of the named templates of
/// <see cref="ArgoTemplateFunctions"/>: <c>slugify 20 .x</c> becomes
/// <c>list 20 .x | include "appset.slugify"</c> (a piped value joins the list last, as Go passes it),
/// <c>fromJson .x</c> becomes <c>mustFromJson (include "appset.fromJson" .x)</c>.</item>
/// </list>
/// </summary>
public static partial class ArgoTemplateSemantics
{
    /// <param name="text">A template as the ApplicationSet writes it.</param>
    /// <param name="missingKeyError">goTemplateOptions has missingkey=error: lookups are left as written.</param>
    /// <param name="field">Which of the ApplicationSet's templates (string fields) this is: the names it defines are its own.</param>
    /// <param name="stringMaps">Which of metadata.labels/annotations are Go string maps (<see cref="StringMaps.Of"/>): a missing key there is "".</param>
    public static string ForHelm(string text, bool missingKeyError, int field = 0, string stringMaps = "")
    {
        if (!text.Contains("{{", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text.Length + 32);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0) break;
            sb.Append(text, at, open - at);
            var end = ActionEnd(text, open);
            if (end < 0)
            {
                // An action that never closes: helm reports the parse error on the text as written.
                at = open;
                break;
            }
            sb.Append(Rewrite(text[open..end], missingKeyError, field, stringMaps));
            at = end;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// Functions helm's engine has and Argo CD's does not (Argo CD has sprig's, less env, expandenv and
    /// getHostByName, plus normalize, slugify, toYaml, fromYaml and fromYamlArray): a template naming one
    /// renders here but does not parse there ("function ... not defined").
    /// </summary>
    private static readonly HashSet<string> HelmOnly = ["include", "tpl", "required", "lookup", "toToml", "fromToml", "fromJsonArray", "toYamlPretty", "getHostByName"];

    /// <summary>The first function <paramref name="text"/> names that helm has and Argo CD has not; null when none.</summary>
    public static string? HelmOnlyFunction(string text)
    {
        for (var at = text.IndexOf("{{", StringComparison.Ordinal); at >= 0 && ActionEnd(text, at) is var end && end > 0; at = text.IndexOf("{{", end, StringComparison.Ordinal))
        {
            if (text.AsSpan(at + 2).TrimStart("- \t\r\n").StartsWith("/*")) continue;
            if (Tokens(text[at..end]).FirstOrDefault(t => t.Kind == Kind.Identifier && HelmOnly.Contains(t.Text)) is { } token) return token.Text;
        }
        return null;
    }

    /// <summary>A message that quotes rewritten text, with the lookups as the template wrote them.</summary>
    public static string AsWritten(string message)
    {
        var lookups = Dig().Replace(message, m => m.Groups["root"].Value.TrimEnd('.') + string.Concat(m.Groups["key"].Captures.Select(c => "." + c.Value)) + m.Groups["rest"].Value)
            .Replace("error calling dig: interface conversion: ", "", StringComparison.Ordinal);
        return FieldName().Replace(CheckInclude().Replace(lookups, ""), "");
    }

    // The prefix of a name a field defines or calls (template "appset.f0:n").
    [GeneratedRegex(@"appset\.f\d+:")]
    private static partial Regex FieldName();

    // The check a checked function's argument was passed through (fromYaml (include "appset.fromYaml" .x)).
    [GeneratedRegex("""include "appset\.(?:fromYaml|fromYamlArray|fromJson)" """)]
    private static partial Regex CheckInclude();

    // "(dig ...)" as written into the template, or "dig ..." as Go's messages print the call (at <dig "a" "b" nil .>).
    [GeneratedRegex("""\(dig (?:"(?<key>[\p{L}\p{Nd}_]+)" )+(?:nil|"") (?:\(default dict )?(?<root>\.|\$[\p{L}\p{Nd}_]*)\)?\)|(?<![\w$])dig (?:"(?<key>[\p{L}\p{Nd}_]+)" )+(?:nil|"") (?:\(default dict )?(?<root>\.|\$[\p{L}\p{Nd}_]*)\)?(?<rest>[>)\s|]|$)""")]
    private static partial Regex Dig();

    /// <summary>Where the action starting at <paramref name="open"/> ends (after its "}}"); -1 when it does not.</summary>
    private static int ActionEnd(string text, int open)
    {
        var i = open + 2;
        var comment = text.AsSpan(i).TrimStart("- \t\r\n").StartsWith("/*");
        if (comment)
        {
            var close = text.IndexOf("*/", i, StringComparison.Ordinal);
            if (close < 0) return -1;
            i = close + 2;
        }
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}') return i + 2;
            if (!comment && c is '"' or '\'' or '`')
            {
                i = QuotedEnd(text, i);
                if (i < 0) return -1;
                continue;
            }
            i++;
        }
        return -1;
    }

    /// <summary>The index after the string, raw string or character constant starting at <paramref name="start"/>; -1 when unterminated.</summary>
    private static int QuotedEnd(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (quote != '`' && text[i] == '\\') i++;
            else if (text[i] == quote) return i + 1;
            else if (quote != '`' && text[i] == '\n') return -1;
        }
        return -1;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// The prefix given to the names a field defines and calls (define, template, block): Argo CD parses each field alone,
    /// so a name is the field's own there, while helm's engine holds every field (and the named templates of
    /// <see cref="ArgoTemplateFunctions"/>) in one set, where one field's define would replace another's, or ours.
    /// </summary>
    private static string FieldPrefix(int field) => $"appset.f{field}:";

    /// <summary>One action, "{{" to "}}" inclusive, rewritten.</summary>
    private static string Rewrite(string action, bool missingKeyError, int field = 0, string stringMaps = "")
    {
        var body = action.AsSpan(2).TrimStart("- \t\r\n");
        if (body.StartsWith("/*")) return action;
        var tokens = Tokens(action);
        var sb = new StringBuilder(action.Length + 16);
        // Calls rewritten as "list ARGS | include NAME": the paren depth each was written at, and the
        // "| include NAME" still to add where its command ends (a "|", the ")" closing its depth, or "}}").
        var depth = 0;
        // Also "| default \"\"" after an index into a string map (IndexesStringMap).
        var open = new Stack<(int Depth, string Suffix)>();
        void EndCommands(int at)
        {
            while (open.Count > 0 && open.Peek().Depth >= at) sb.Append(open.Pop().Suffix);
        }
        // Checked arguments are rewritten in this same pass, not one call deeper each: a pull request's template may nest
        // them as deep as Go allows (10000), which must neither exhaust the stack nor read the text once per level.
        // "closes" holds the token index where each open argument ends (innermost on top); "matching" each "(" its ")".
        var closes = new Stack<int>();
        var matching = MatchingParens(tokens);
        for (var t = 0; t < tokens.Count; t++)
        {
            while (closes.Count > 0 && closes.Peek() <= t)
            {
                closes.Pop();
                sb.Append(')');
            }
            var token = tokens[t];
            switch (token.Kind)
            {
                case Kind.Pipe: EndCommands(depth); break;
                case Kind.Close: EndCommands(depth); depth--; break;
                case Kind.End: EndCommands(0); break;
                case Kind.OpenParen: depth++; break;
            }
            if (token is { Kind: Kind.Identifier, Text: "index" } && IsCommandStart(tokens, t) && IndexesStringMap(tokens, t, stringMaps))
            {
                // Go's index gives a string map's missing key as "" (whatever missingkey says); helm's JSON map gives nil.
                sb.Append(token.Text);
                open.Push((depth, " | default \"\" "));
                continue;
            }
            if (!missingKeyError && IsChainStart(tokens, t) && Chain(tokens, t) is var (last, root, keys) && keys.Count >= 2)
            {
                // A variable may hold nothing ($x := .nope), where Go's lookup gives "no value" too: dig then looks into an empty map.
                var from = root is "." or "$" ? root : $"(default dict {root})";
                // A string map's missing key is "" with the default missingkey (with missingkey=error both fail).
                var missing = IsStringMapKey(root, keys, stringMaps) ? "\"\"" : "nil";
                sb.Append("(dig ").AppendJoin("", keys.Select(k => $"\"{k}\" ")).Append(missing).Append(' ').Append(from).Append(')');
                t = last;
                continue;
            }
            if (token.Kind == Kind.Quoted && IsTemplateName(tokens, t))
            {
                // The quote, then the field's prefix (no quote, backslash or backtick in it: the literal stays one).
                sb.Append(token.Text[0]).Append(FieldPrefix(field)).Append(token.Text, 1, token.Text.Length - 1);
                continue;
            }
            if (token.Kind == Kind.Identifier && ArgoTemplateFunctions.Calls.TryGetValue(token.Text, out var include))
            {
                if (IsCommandStart(tokens, t))
                {
                    // normalize ARGS: the arguments (and a piped value, last) are collected by list.
                    sb.Append("list");
                    open.Push((depth, $" | include \"{include}\" "));
                }
                // A function named as an argument is called with none: printf "%s" slugify.
                else sb.Append("(list | include \"").Append(include).Append("\")");
                continue;
            }
            if (token.Kind == Kind.Identifier && ArgoTemplateFunctions.Checked.TryGetValue(token.Text, out var call))
            {
                var next = t + 1 < tokens.Count && tokens[t + 1].Kind == Kind.Space ? t + 2 : -1;
                if (next > 0 && next < tokens.Count && tokens[next].Kind is not (Kind.Pipe or Kind.Close or Kind.End))
                {
                    // fromYaml ARG: the argument goes through the check first.
                    sb.Append(call.Function).Append(tokens[t + 1].Text).Append("(include \"").Append(call.Check).Append("\" ");
                    var argumentEnd = OperandEnd(tokens, next, matching);
                    if (tokens[next].Kind == Kind.Identifier)
                    {
                        // A function named alone is called: parenthesised, it stays a call (one name and its fields, nothing nested).
                        var argument = string.Concat(tokens.Skip(next).Take(argumentEnd - next).Select(x => x.Text));
                        sb.Append(Rewrite("{{ (" + argument + ") }}", missingKeyError)[3..^3].TrimEnd()).Append(')');
                        t = argumentEnd - 1;
                        continue;
                    }
                    // The argument itself may hold lookups and calls to rewrite: it is read on, and closed where it ends.
                    closes.Push(argumentEnd);
                    t++;
                    continue;
                }
                // ... | fromYaml: the piped text goes through the check first.
                sb.Append("include \"").Append(call.Check).Append("\" | ").Append(call.Function);
                continue;
            }
            sb.Append(token.Text);
        }
        return sb.ToString();
    }

    /// <summary>Whether <paramref name="keys"/> from <paramref name="root"/> name one key of a string map (.metadata.labels.env).</summary>
    private static bool IsStringMapKey(string root, List<string> keys, string stringMaps) =>
        root is "." or "$" && keys.Count == 3 && keys[0] == "metadata" && IsStringMap(keys[1], stringMaps);

    private static bool IsStringMap(string key, string stringMaps) =>
        StringMaps.Keys.Contains(key) && stringMaps.Split(',').Contains(key);

    /// <summary>Whether the index at <paramref name="t"/> indexes a string map: its first argument is .metadata.labels or .metadata.annotations (or from $).</summary>
    private static bool IndexesStringMap(List<Token> tokens, int t, string stringMaps)
    {
        if (stringMaps.Length == 0 || t + 2 >= tokens.Count || tokens[t + 1].Kind != Kind.Space) return false;
        var start = t + 2;
        if (!IsChainStart(tokens, start)) return false;
        var (last, root, keys) = Chain(tokens, start);
        return root is "." or "$" && keys is ["metadata", var map] && IsStringMap(map, stringMaps)
            && last + 1 < tokens.Count && tokens[last + 1].Kind is Kind.Space or Kind.End or Kind.Pipe or Kind.Close;
    }

    /// <summary>Each "(" of the action by the index of the ")" that closes it; one that is never closed is not there.</summary>
    private static Dictionary<int, int> MatchingParens(List<Token> tokens)
    {
        var matching = new Dictionary<int, int>();
        var opened = new Stack<int>();
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].Kind == Kind.OpenParen) opened.Push(k);
            else if (tokens[k].Kind == Kind.Close && opened.Count > 0) matching[opened.Pop()] = k;
        }
        return matching;
    }

    /// <summary>
    /// Whether the identifier at <paramref name="t"/> starts a command (it is called with the
    /// arguments that follow it): first in the action, after "|", "(", ":=" or "=", or after the
    /// keywords that take a pipeline; anywhere else it is an argument.
    /// </summary>
    private static bool IsCommandStart(List<Token> tokens, int t)
    {
        var p = Previous(tokens, t);
        if (p < 0) return true;
        var before = tokens[p];
        return before.Kind is Kind.Open or Kind.Pipe or Kind.OpenParen
            || (before.Kind == Kind.Other && before.Text == "=")
            || (before.Kind == Kind.Identifier && before.Text is "if" or "range" or "with")
            || (before.Kind == Kind.Quoted && Previous(tokens, p) is var q && q >= 0 && tokens[q] is { Kind: Kind.Identifier, Text: "template" or "block" });
    }

    /// <summary>Whether the string at <paramref name="t"/> names a template: right after define, template or block opening the action.</summary>
    private static bool IsTemplateName(List<Token> tokens, int t) =>
        Previous(tokens, t) is var keyword and >= 0 && tokens[keyword] is { Kind: Kind.Identifier, Text: "define" or "template" or "block" }
        && Previous(tokens, keyword) is var open and >= 0 && tokens[open].Kind == Kind.Open;

    /// <summary>The index of the last token before <paramref name="t"/> that is not white space; -1 when none.</summary>
    private static int Previous(List<Token> tokens, int t)
    {
        var p = t - 1;
        while (p >= 0 && tokens[p].Kind == Kind.Space) p--;
        return p;
    }

    private enum Kind { Open, End, Space, Quoted, Field, Variable, Identifier, Dot, Pipe, OpenParen, Close, Other }

    private sealed record Token(Kind Kind, string Text);

    /// <summary>The action's tokens as Go's lexer reads them (the delimiters with their trim markers are tokens of their own).</summary>
    private static List<Token> Tokens(string action)
    {
        var tokens = new List<Token>();
        var i = 2;
        if (action.Length > 3 && action[2] == '-' && char.IsWhiteSpace(action[3])) i = 3;
        tokens.Add(new Token(Kind.Open, action[..i]));
        var stop = action.Length - 2;
        if (stop - 2 >= i && action[stop - 1] == '-' && char.IsWhiteSpace(action[stop - 2])) stop--;
        while (i < stop)
        {
            var c = action[i];
            var start = i;
            Kind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < stop && char.IsWhiteSpace(action[i])) i++;
                kind = Kind.Space;
            }
            else if (c is '"' or '\'' or '`')
            {
                i = QuotedEnd(action, i);
                if (i < 0 || i > stop) i = stop;
                kind = Kind.Quoted;
            }
            else if (c == '.' && i + 1 < stop && IsWordChar(action[i + 1]) && !char.IsAsciiDigit(action[i + 1]))
            {
                i++;
                while (i < stop && IsWordChar(action[i])) i++;
                kind = Kind.Field;
            }
            else if (c == '.')
            {
                i++;
                // '.' then a digit is a number (.5), read as one token.
                while (i < stop && IsWordChar(action[i])) i++;
                kind = i == start + 1 ? Kind.Dot : Kind.Other;
            }
            else if (c == '$')
            {
                i++;
                while (i < stop && IsWordChar(action[i])) i++;
                kind = Kind.Variable;
            }
            else if (IsWordChar(c))
            {
                while (i < stop && (IsWordChar(action[i]) || (char.IsAsciiDigit(c) && action[i] is '.' or '+' or '-'))) i++;
                kind = char.IsAsciiDigit(c) ? Kind.Other : Kind.Identifier;
            }
            else
            {
                i++;
                kind = c switch { '|' => Kind.Pipe, '(' => Kind.OpenParen, ')' => Kind.Close, _ => Kind.Other };
            }
            tokens.Add(new Token(kind, action[start..i]));
        }
        tokens.Add(new Token(Kind.End, action[stop..]));
        return tokens;
    }

    /// <summary>A field or variable that starts a lookup (not a field continuing one, or following a parenthesis).</summary>
    private static bool IsChainStart(List<Token> tokens, int t) =>
        tokens[t].Kind is Kind.Field or Kind.Variable && tokens[t - 1].Kind is not (Kind.Field or Kind.Variable or Kind.Close or Kind.Identifier or Kind.Dot);

    /// <summary>The lookup starting at <paramref name="t"/>: its last token, its root (".", "$", "$x") and the keys looked up.</summary>
    private static (int Last, string Root, List<string> Keys) Chain(List<Token> tokens, int t)
    {
        var root = tokens[t].Kind == Kind.Variable ? tokens[t].Text : ".";
        var keys = new List<string>();
        if (tokens[t].Kind == Kind.Field) keys.Add(tokens[t].Text[1..]);
        var last = t;
        while (last + 1 < tokens.Count && tokens[last + 1].Kind == Kind.Field)
        {
            keys.Add(tokens[++last].Text[1..]);
        }
        return (last, root, keys);
    }

    /// <summary>The index after the operand starting at <paramref name="t"/>: a parenthesised pipeline, or one token with the lookups that follow it.</summary>
    private static int OperandEnd(List<Token> tokens, int t, Dictionary<int, int> matching)
    {
        if (tokens[t].Kind == Kind.OpenParen)
        {
            // Never closed: the operand runs to the end of the action.
            return matching.TryGetValue(t, out var close) ? close + 1 : tokens.Count - 1;
        }
        var end = t + 1;
        while (end < tokens.Count && tokens[end].Kind == Kind.Field) end++;
        return end;
    }
}
