using System.Text;
using GitOps.Build.Changes;

namespace GitOps.Build.Reporting;

/// <summary>
/// The diff as Markdown for a pull request: the marker comment a workflow finds its comment by,
/// a summary table (one row per unit that renders differently), then one collapsed section per
/// Application with a <c>diff</c> block per object. <see cref="Truncated"/> fits a GitHub comment.
/// </summary>
public static class DiffMarkdown
{
    /// <summary>The first line of every diff report: the PR workflow updates the comment that holds it.</summary>
    public const string Marker = "<!-- gitops-build-diff -->";

    /// <summary>GitHub's limit on a comment's body (and on a job summary is larger): what diff.md fits in.</summary>
    public const int CommentLimit = 65_536;

    public static string Full(DiffResult diff) => Summary(diff) + string.Concat(Sections(diff).Select(s => s.Text));

    /// <summary>
    /// The summary and as many Application sections as fit in <paramref name="limit"/> characters, in order,
    /// skipping one that does not fit for later ones that do; a note names those cut and points at diff-full.md.
    /// </summary>
    public static string Truncated(DiffResult diff, int limit = CommentLimit)
    {
        var full = Full(diff);
        if (full.Length <= limit) return full;
        var summary = Summary(diff);
        var sections = Sections(diff);
        var kept = new List<(string App, string Text)>();
        var cut = sections.Select(s => s.App).ToList();
        var used = summary.Length;
        foreach (var section in sections)
        {
            var without = cut.Where(a => a != section.App).ToList();
            if (used + section.Text.Length + Note(without).Length > limit) continue;
            kept.Add(section);
            cut = without;
            used += section.Text.Length;
        }
        var text = summary + string.Concat(kept.Select(s => s.Text)) + Note(cut);
        // A summary too long on its own (thousands of Applications) is cut at a line, the note kept.
        if (text.Length > limit)
        {
            var note = Note(cut);
            var head = text[..(limit - note.Length - 2)];
            text = head[..(head.LastIndexOf('\n') + 1)] + "\n" + note;
        }
        return text;
    }

    private static string Note(IReadOnlyList<string> cut) => cut.Count == 0 ? "" :
        $"\n> **Truncated:** the diff is longer than a comment can hold ({CommentLimit:N0} characters); not shown here: {string.Join(", ", cut.Select(c => $"`{c}`"))}. " +
        "`artifacts/reports/diff-full.md` has all of it.\n";

    private static string Summary(DiffResult diff)
    {
        var sb = new StringBuilder().Append(Marker).Append('\n');
        var differing = diff.Differing;
        sb.Append("### Rendered diff against ").Append(Code(diff.BaseLabel)).Append(" (").Append(diff.BaseSha[..Math.Min(12, diff.BaseSha.Length)]).Append(")\n\n");
        if (differing.Count == 0)
        {
            sb.Append(diff.Units.Count == 0 ? "No Application is touched by this change.\n" : "The touched Applications render the same objects as before.\n");
        }
        else
        {
            var apps = differing.Select(u => u.Application).Distinct().Count();
            sb.Append($"{Plural(apps, "Application")} {(apps == 1 ? "renders" : "render")} differently: " +
                      $"{differing.Sum(u => u.Added)} resources added, {differing.Sum(u => u.Changed)} changed, {differing.Sum(u => u.Removed)} removed.\n\n");
            sb.Append("| Application | Environment | Added | Changed | Removed | Lines |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var unit in differing)
            {
                sb.Append($"| {Cell(UnitName(unit))} | {Cell(unit.Environment ?? "")} | {unit.Added} | {unit.Changed} | {unit.Removed} | +{unit.LinesAdded} −{unit.LinesRemoved} |\n");
            }
        }
        // Why each was touched (a file it reads, its Application): a change that renders the same still says what it changed.
        var same = diff.Units.Where(u => u.Resources.Count == 0 && u.Note == null)
            .Select(u => $"{Code(UnitName(u))} ({Reasons(u.Touched.Reasons)})").ToList();
        if (same.Count > 0) sb.Append($"\nTouched, rendering unchanged: {string.Join(", ", same)}.\n");
        return sb.Append('\n').ToString();
    }

    private static List<(string App, string Text)> Sections(DiffResult diff) =>
        diff.Differing.GroupBy(u => u.Application).Select(g => (g.Key, Section(g.Key, g.ToList()))).ToList();

    private static string Section(string app, IReadOnlyList<UnitDiff> units)
    {
        var counts = $"{units.Sum(u => u.Added)} added, {units.Sum(u => u.Changed)} changed, {units.Sum(u => u.Removed)} removed";
        var env = units.Select(u => u.Environment).OfType<string>().Distinct().ToList();
        var sb = new StringBuilder().Append("<details>\n<summary><b>").Append(Html(app)).Append("</b>")
            .Append(env.Count > 0 ? $" ({Html(string.Join(", ", env))})" : "").Append(": ").Append(counts).Append("</summary>\n\n");
        foreach (var unit in units)
        {
            if (units.Count > 1 || unit.Touched.Change != UnitChange.Changed)
                sb.Append("Unit ").Append(Code(unit.Id)).Append(unit.Touched.Change switch
                {
                    UnitChange.Added => ": a new Application",
                    UnitChange.Removed => ": removed",
                    _ => "",
                }).Append("\n\n");
            if (unit.Note is { } note) sb.Append("> ").Append(note.Replace("\n", " ")).Append("\n\n");
            foreach (var resource in unit.Resources)
            {
                var fence = Fence(resource.Diff);
                sb.Append(Code(resource.Reference)).Append(' ').Append(resource.Change.ToString().ToLowerInvariant())
                    .Append($" (+{resource.LinesAdded} −{resource.LinesRemoved})\n\n")
                    .Append(fence).Append("diff\n").Append(resource.Diff).Append(resource.Diff.EndsWith('\n') ? "" : "\n").Append(fence).Append("\n\n");
            }
        }
        return sb.Append("</details>\n\n").ToString();
    }

    private static string Reasons(IReadOnlyList<string> reasons) =>
        string.Join("; ", reasons.Take(3)) + (reasons.Count > 3 ? $"; {reasons.Count - 3} more" : "");

    private static string UnitName(UnitDiff unit) => unit.Id == unit.Application ? unit.Application : unit.Id;

    // A fence longer than any run of backticks in the text, so a diff line cannot close it.
    private static string Fence(string text)
    {
        var (longest, run) = (0, 0);
        foreach (var c in text) { run = c == '`' ? run + 1 : 0; longest = Math.Max(longest, run); }
        return new string('`', Math.Max(3, longest + 1));
    }

    private static string Code(string text) => "`" + text.Replace("`", "'") + "`";
    private static string Cell(string text) => text.Replace("|", "\\|");
    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
