using System.Text;
using GitOps.Build.Primitives;
using GitOps.Build.Changes;
using M = GitOps.Build.Reporting.MarkdownText;

namespace GitOps.Build.Reporting;

/// <summary>
/// The diff as Markdown for a pull request: the marker comment a workflow finds its comment by, the
/// working tree's load problems, a table of the Applications changed as objects (destination,
/// project, sync policy, revisions), a summary table (one row per unit that renders differently),
/// then one collapsed section per Application with its manifest's diff and a <c>diff</c> block per
/// object. <see cref="Truncated"/> fits a GitHub comment. Everything from the repository goes
/// through <see cref="MarkdownText"/>.
/// </summary>
public static class DiffMarkdown
{
    /// <summary>The first line of every diff report: the PR workflow updates the comment that holds it.</summary>
    public const string Marker = "<!-- gitops-build-diff -->";

    /// <summary>GitHub's limit on a comment's body (and on a job summary is larger): what diff.md fits in.</summary>
    public const int CommentLimit = 65_536;

    /// <summary>Load problems listed in the summary; the run's findings have all of them.</summary>
    private const int ProblemsShown = 10;

    /// <param name="map">The map of the touched Applications (<see cref="MapMarkdown.TouchedSection"/>), after the summary; empty for none.</param>
    public static string Full(DiffResult diff, string map = "") => Summary(diff) + map + string.Concat(Sections(diff).Select(s => s.Text));

    /// <summary>
    /// Everything when it fits in <paramref name="limit"/> characters. Otherwise the map goes first (the
    /// diff is what the comment is for; a note says diff-full.md has it), then the summary and as many
    /// Application sections as fit, in order, skipping one that does not fit for later ones that do; a
    /// note names those cut and points at diff-full.md.
    /// </summary>
    public static string Truncated(DiffResult diff, int limit = CommentLimit, string map = "")
    {
        var full = Full(diff, map);
        if (full.Length <= limit) return full;
        var summary = Summary(diff) + (map.Length > 0 ? MapLeftOut : "");
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

    private const string MapLeftOut = "> The map of the touched Applications is left out to fit a comment; `artifacts/reports/diff-full.md` has it.\n\n";

    private static string Note(IReadOnlyList<string> cut) => cut.Count == 0 ? "" :
        $"\n> **Truncated:** the diff is longer than a comment can hold ({CommentLimit:N0} characters); not shown here: {string.Join(", ", cut.Select(M.Code))}. " +
        "`artifacts/reports/diff-full.md` has all of it.\n";

    private static string Summary(DiffResult diff)
    {
        var sb = new StringBuilder().Append(Marker).Append('\n');
        var differing = diff.Differing;
        sb.Append("### Rendered diff against ").Append(M.Code(diff.BaseLabel)).Append(" (").Append(M.Text(diff.BaseSha[..Math.Min(12, diff.BaseSha.Length)])).Append(")\n\n");
        Problems(sb, diff.Problems);
        Applications(sb, diff.Applications);
        if (differing.Count == 0)
        {
            sb.Append(diff.Units.Count == 0 && diff.Applications.Count == 0 ? "No Application is touched by this change.\n"
                : diff.Applications.Count > 0 ? "The Applications render the same objects as before; what changes is the Applications themselves (above).\n"
                : "The touched Applications render the same objects as before.\n");
        }
        else
        {
            var apps = differing.Select(u => u.Application).Distinct().Count();
            // The table has a row per rendered unit (an Application with several sources or environments has several): say both counts.
            var rows = differing.Count == apps ? "" : $" in {differing.Count} rendered units (a row each below)";
            sb.Append($"{Plural.Of(apps, "Application")} {(apps == 1 ? "renders" : "render")} differently{rows}: " +
                      $"{differing.Sum(u => u.Added)} resources added, {differing.Sum(u => u.Changed)} changed, {differing.Sum(u => u.Removed)} removed.\n\n");
            sb.Append("| Application | Environment | Added | Changed | Removed | Lines |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var unit in differing)
            {
                sb.Append($"| {M.Text(UnitName(unit))} | {M.Text(unit.Environment ?? "")} | {unit.Added} | {unit.Changed} | {unit.Removed} | +{unit.LinesAdded} −{unit.LinesRemoved} |\n");
            }
        }
        // Why each was touched (a file it reads, its Application): a change that renders the same still says what it changed.
        var same = diff.Units.Where(u => u.Resources.Count == 0 && u.Note == null)
            .Select(u => $"{M.Code(UnitName(u))} ({Reasons(u.Touched.Reasons)})").ToList();
        if (same.Count > 0) sb.Append($"\nTouched, rendering unchanged: {string.Join(", ", same)}.\n");
        return sb.Append('\n').ToString();
    }

    /// <summary>The working tree's load problems first: what is not read shows below only as removed objects, or not at all.</summary>
    private static void Problems(StringBuilder sb, IReadOnlyList<Findings.Finding> problems)
    {
        if (problems.Count == 0) return;
        sb.Append($"> **{Plural.Of(problems.Count, "problem")} reading the working tree** (the run fails on errors); an Application that is not read shows below only as removed objects:\n");
        foreach (var f in problems.Take(ProblemsShown))
            sb.Append("> - ").Append(M.Code(f.RuleId)).Append(' ').Append(M.Text(f.Severity.ToString().ToLowerInvariant())).Append(", ")
                .Append(M.Code(f.Location)).Append(": ").Append(M.Text(f.Message)).Append('\n');
        if (problems.Count > ProblemsShown) sb.Append($"> - and {problems.Count - ProblemsShown} more (the run's findings list them all)\n");
        sb.Append('\n');
    }

    /// <summary>The Applications changed as objects: one row per field that differs (one row for an added or removed Application).</summary>
    private static void Applications(StringBuilder sb, IReadOnlyList<ApplicationChange> changes)
    {
        if (changes.Count == 0) return;
        sb.Append($"{Plural.Of(changes.Count, "Application")} changed as {(changes.Count == 1 ? "an object" : "objects")} (where it deploys, its project, how it syncs, what it takes):\n\n");
        sb.Append("| Application | Environment | Field | Before | After |\n|---|---|---|---|---|\n");
        foreach (var change in changes)
        {
            var rows = change.Change switch
            {
                UnitChange.Changed when change.Fields.Count > 0 => change.Fields.Select(f => (f.Field, f.Before, f.After)).ToList(),
                UnitChange.Changed => [("(other fields)", null, null)],
                UnitChange.Added => [("(added)", null, Brief(change.Fields.Select(f => (f.Field, f.After))))],
                _ => [("(removed)", Brief(change.Fields.Select(f => (f.Field, f.Before))), null)],
            };
            foreach (var (field, before, after) in rows)
                sb.Append($"| {M.Text(change.Application)} | {M.Text(change.Environment ?? "")} | {M.Text(field)} | {Value(before)} | {Value(after)} |\n");
        }
        sb.Append('\n');
    }

    private static string Brief(IEnumerable<(string Field, string? Value)> fields) =>
        string.Join("; ", fields.Where(f => f.Value is { Length: > 0 }).Select(f => $"{f.Field} {f.Value}"));

    private static string Value(string? value) => value is { Length: > 0 } v ? M.Text(v) : "—";

    private static List<(string App, string Text)> Sections(DiffResult diff)
    {
        var units = diff.Differing.ToLookup(u => u.Application, StringComparer.Ordinal);
        var apps = diff.Applications.ToDictionary(a => a.Application, StringComparer.Ordinal);
        // In the units' order, then Applications changed only as objects.
        var names = diff.Differing.Select(u => u.Application).Concat(diff.Applications.Select(a => a.Application)).Distinct(StringComparer.Ordinal);
        return names.Select(n => (n, Section(n, units[n].ToList(), apps.GetValueOrDefault(n)))).ToList();
    }

    private static string Section(string app, IReadOnlyList<UnitDiff> units, ApplicationChange? change)
    {
        var counts = units.Count == 0 ? "renders the same" : $"{units.Sum(u => u.Added)} added, {units.Sum(u => u.Changed)} changed, {units.Sum(u => u.Removed)} removed";
        var env = units.Select(u => u.Environment).Append(change?.Environment).OfType<string>().Distinct().ToList();
        var sb = new StringBuilder().Append("<details>\n<summary><b>").Append(M.Html(app)).Append("</b>")
            .Append(env.Count > 0 ? $" ({M.Html(string.Join(", ", env))})" : "").Append(": ")
            .Append(change != null ? $"its Application {change.Change.ToString().ToLowerInvariant()}; " : "").Append(counts).Append("</summary>\n\n");
        if (change != null)
        {
            sb.Append(M.Code(change.Manifest.Reference)).Append($" (the Application itself) {change.Change.ToString().ToLowerInvariant()}")
                .Append($" (+{change.Manifest.LinesAdded} −{change.Manifest.LinesRemoved})\n\n").Append(M.Block(change.Manifest.Diff, "diff")).Append('\n');
        }
        foreach (var unit in units)
        {
            if (units.Count > 1 || unit.Touched.Change != UnitChange.Changed)
                sb.Append("Unit ").Append(M.Code(unit.Id)).Append(unit.Touched.Change switch
                {
                    UnitChange.Added => ": a new Application",
                    UnitChange.Removed => ": removed",
                    _ => "",
                }).Append("\n\n");
            if (unit.Note is { } note) sb.Append("> ").Append(M.Text(note)).Append("\n\n");
            foreach (var resource in unit.Resources)
            {
                sb.Append(M.Code(resource.Reference)).Append(' ').Append(resource.Change.ToString().ToLowerInvariant())
                    .Append($" (+{resource.LinesAdded} −{resource.LinesRemoved})\n\n")
                    .Append(M.Block(resource.Diff, "diff")).Append('\n');
            }
        }
        return sb.Append("</details>\n\n").ToString();
    }

    private static string Reasons(IReadOnlyList<string> reasons) =>
        M.Text(string.Join("; ", reasons.Take(3)) + (reasons.Count > 3 ? $"; {reasons.Count - 3} more" : ""));

    private static string UnitName(UnitDiff unit) => unit.Id == unit.Application ? unit.Application : unit.Id;

}
