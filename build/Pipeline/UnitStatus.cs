namespace GitOps.Build.Pipeline;

/// <summary>How a stage ended for one unit.</summary>
public enum UnitStatus
{
    /// <summary>Linted, or checked, without an error.</summary>
    Passed,
    /// <summary>An error finding stopped it (the detail may say what kind: "time limit").</summary>
    Failed,
    /// <summary>Rendered; the detail says how many objects.</summary>
    Rendered,
    /// <summary>Left to someone else on purpose (a remote chart is linted by its publisher); the detail says why.</summary>
    Skipped,
    /// <summary>Could not be rendered here (a remote chart out of reach, a plugin, a value file Argo CD cannot read); the detail says why.</summary>
    NotRendered,
    /// <summary>Could not be linted here; the detail says why.</summary>
    NotLinted,
}

/// <summary>
/// A status as the log and the reports write it ("passed", "failed (time limit)", "rendered 12 objects", "skipped (why)"),
/// and back: findings.json holds the text, MergeReports reads it.
/// </summary>
public static class UnitStatuses
{
    private static readonly (UnitStatus Status, string Word, bool Parenthesised)[] Words =
    [
        (UnitStatus.Passed, "passed", true), (UnitStatus.Failed, "failed", true), (UnitStatus.Rendered, "rendered", false),
        (UnitStatus.Skipped, "skipped", true), (UnitStatus.NotRendered, "not rendered", true), (UnitStatus.NotLinted, "not linted", true),
    ];

    public static string Text(UnitStatus status, string? detail)
    {
        var (_, word, parenthesised) = Words.Single(w => w.Status == status);
        return detail is not { Length: > 0 } ? word : parenthesised ? $"{word} ({detail})" : $"{word} {detail}";
    }

    /// <summary>The status and detail of a text <see cref="Text"/> wrote; null when it is none of them.</summary>
    public static (UnitStatus Status, string? Detail)? Parse(string text)
    {
        // Longest word first: "not rendered" before "rendered".
        foreach (var (status, word, parenthesised) in Words.OrderByDescending(w => w.Word.Length))
        {
            if (text == word) return (status, null);
            if (!text.StartsWith(word + " ", StringComparison.Ordinal)) continue;
            var rest = text[(word.Length + 1)..];
            if (!parenthesised) return (status, rest);
            if (rest.Length > 2 && rest[0] == '(' && rest[^1] == ')') return (status, rest[1..^1]);
        }
        return null;
    }
}
