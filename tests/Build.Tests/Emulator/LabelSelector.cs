using System.Text.Json.Nodes;

namespace GitOps.Build.Tests.Emulator;

/// <summary>The equality-based label selectors we use: k=v, k==v, k!=v, k (exists), !k (absent), comma = and.</summary>
public static class LabelSelector
{
    public static Func<JsonObject, bool> Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Term).ToList();
        return o =>
        {
            var labels = o["metadata"]?["labels"] as JsonObject;
            return tests.All(t => t(labels));
        };
    }

    private static Func<JsonObject?, bool> Term(string term)
    {
        string? Value(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();
        if (term.Contains("!="))
        {
            var (k, v) = Split(term, "!=");
            return l => Value(l, k) != v;
        }
        if (term.Contains("=="))
        {
            var (k, v) = Split(term, "==");
            return l => Value(l, k) == v;
        }
        if (term.Contains('='))
        {
            var (k, v) = Split(term, "=");
            return l => Value(l, k) == v;
        }
        if (term.StartsWith('!')) return l => l?.ContainsKey(term[1..]) != true;
        return l => l?.ContainsKey(term) == true;
    }

    private static (string, string) Split(string term, string op)
    {
        var i = term.IndexOf(op, StringComparison.Ordinal);
        return (term[..i].Trim(), term[(i + op.Length)..].Trim());
    }
}
