using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.IO;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Reporting;

/// <summary>
/// The findings and per-unit outcomes as JSON, for tools and dashboards. Each unit row lists its
/// findings by index into <c>findings</c>, so the report can be read back whole (<see cref="Read"/>:
/// MergeReports joins the reports of --shard jobs that way).
/// </summary>
public static class JsonReport
{
    public static string Build(RunReport report)
    {
        var findings = report.Findings;
        var index = findings.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i); // Findings holds each once
        var root = new JsonObject
        {
            ["errors"] = report.ErrorCount,
            ["findings"] = new JsonArray(findings.Select(f => (JsonNode)Row(f)).ToArray()),
            ["units"] = new JsonArray(report.Outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["stage"] = o.Stage,
                ["unit"] = o.Outcome.Unit,
                ["status"] = o.Outcome.StatusText,
                ["seconds"] = Math.Round(o.Outcome.Duration.TotalSeconds, 3),
                ["findings"] = new JsonArray(o.Outcome.Findings.Distinct().Select(f => (JsonNode)index[f]).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>One finding as the reports' JSON holds it (findings.json, diff.json's problems).</summary>
    public static JsonObject Row(Finding f) => new JsonObject
    {
        ["rule"] = f.RuleId,
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["object"] = f.Object,
        ["file"] = f.File,
        ["line"] = f.Line,
        ["message"] = f.Message,
        ["fix"] = f.Fix,
    }.With("rendered", f.RenderedFile is { } rendered ? new JsonObject { ["file"] = rendered, ["line"] = f.RenderedLine } : null);

    /// <summary>The object with <paramref name="name"/> set only when there is a value: an optional field is left out, not null.</summary>
    private static JsonObject With(this JsonObject row, string name, JsonNode? value)
    {
        if (value != null) row[name] = value;
        return row;
    }

    /// <summary>
    /// A report <see cref="Build"/> wrote, back as the run's outcomes with their findings; throws
    /// <see cref="FormatException"/> naming the field that does not match (every field is checked by
    /// <see cref="ReportFields"/>: paths inside the repository, whole line numbers, finite durations,
    /// no control characters). A finding no unit row lists (a report from before rows listed theirs)
    /// is kept under stage "report", unit "unattributed".
    /// </summary>
    public static RunReport Read(string text)
    {
        var root = ReportFields.Parse(text);
        if (ReportFields.Get(root, "findings") is not JsonArray findingRows || ReportFields.Get(root, "units") is not JsonArray unitRows)
            throw new FormatException("no \"findings\" and \"units\" arrays in it");

        var findings = findingRows.Select((row, i) => ReadFinding(row, i)).ToList();
        var listed = new HashSet<int>();
        var report = new RunReport();
        foreach (var (row, i) in unitRows.Select((row, i) => (row, i)))
        {
            var where = $"units[{i}]";
            var own = new List<Finding>();
            foreach (var reference in ReportFields.Get(row, "findings") as JsonArray ?? [])
            {
                if (reference is not JsonValue v || !v.TryGetValue<int>(out var at) || at < 0 || at >= findings.Count)
                    throw new FormatException($"{where}.findings holds {reference?.ToJsonString() ?? "null"}, not an index into findings");
                own.Add(findings[at]);
                listed.Add(at);
            }
            var seconds = ReportFields.Seconds(row, "seconds", where);
            var statusText = ReportFields.Text(row, "status", where);
            var (status, detail) = UnitStatuses.Parse(statusText)
                ?? throw new FormatException($"{where}.status is {statusText}, not a status a run writes (passed, failed, rendered …, skipped (…), not rendered (…), not linted (…))");
            report.Record(ReportFields.Text(row, "stage", where), [new UnitOutcome(ReportFields.Text(row, "unit", where), status, own, seconds, detail)]);
        }
        var unattributed = findings.Where((_, i) => !listed.Contains(i)).ToList();
        if (unattributed.Count > 0) report.Record("report", "unattributed", unattributed, TimeSpan.Zero);
        return report;
    }

    private static Finding ReadFinding(JsonNode? row, int i)
    {
        var where = $"findings[{i}]";
        var severity = ReportFields.Text(row, "severity", where) switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            var other => throw new FormatException($"{where}.severity is {other}, not error, warning or info"),
        };
        var finding = Rule.Reported(ReportFields.RuleId(row, "rule", where), severity, ReportFields.Text(row, "object", where),
            ReportFields.File(row, "file", where), ReportFields.Line(row, "line", where),
            ReportFields.Text(row, "message", where, multiline: true), ReportFields.OptionalText(row, "fix", where, multiline: true));
        return row?["rendered"] is JsonObject rendered
            ? finding with { RenderedFile = ReportFields.File(rendered, "file", where + ".rendered"), RenderedLine = ReportFields.Line(rendered, "line", where + ".rendered") }
            : finding;
    }
}
