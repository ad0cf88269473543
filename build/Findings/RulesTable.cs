using System.Text;

namespace GitOps.Build.Findings;

/// <summary>
/// docs/checks.md's rule table, generated from the registry (<see cref="Rules.All"/>) so the two
/// cannot drift: a test compares the table between the markers with <see cref="Markdown"/> and
/// rewrites it when run with UPDATE_DOCS=1.
/// </summary>
public static class RulesTable
{
    public const string Begin = "<!-- rules:begin: generated from build/Findings/Rules.cs; UPDATE_DOCS=1 dotnet test tests/Build.Tests --filter RulesDocTests rewrites it -->";
    public const string End = "<!-- rules:end -->";

    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| id | category | severity | what it checks | fix | suppressed by |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var rule in Rules.All)
        {
            text.Append($"| `{rule.Id}` | {rule.Category} | {rule.SeverityText} | {Cell(rule.Summary)} | {Cell(rule.Fix)} | {Suppression(rule)} |\n");
        }
        return text.ToString();
    }

    /// <summary>The document with the text between the markers replaced by the generated table.</summary>
    public static string ApplyTo(string document)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidOperationException($"docs/checks.md has no rule table markers ({Begin} … {End}).");
        return document[..(begin + Begin.Length)] + "\n" + Markdown() + document[end..];
    }

    private static string Suppression(Rule rule) => rule.SuppressionNote switch
    {
        { } note when note.StartsWith("not ", StringComparison.Ordinal) => note,
        { } note => $"`{rule.SuppressionAnnotation}` {note}",
        null => $"`{rule.SuppressionAnnotation}` on the object",
    };

    // A pipe would end the cell and <word> would be read as HTML: both are escaped.
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("<", "\\<").Replace("\n", " ");
}
