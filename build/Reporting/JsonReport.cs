using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Findings;
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
            ["findings"] = new JsonArray(findings.Select(f => (JsonNode)new JsonObject
            {
                ["rule"] = f.RuleId,
                ["severity"] = f.Severity.ToString().ToLowerInvariant(),
                ["object"] = f.Object,
                ["file"] = f.File,
                ["line"] = f.Line,
                ["message"] = f.Message,
                ["fix"] = f.Fix,
            }).ToArray()),
            ["units"] = new JsonArray(report.Outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["stage"] = o.Stage,
                ["unit"] = o.Outcome.Unit,
                ["status"] = o.Outcome.Status,
                ["seconds"] = Math.Round(o.Outcome.Duration.TotalSeconds, 3),
                ["findings"] = new JsonArray(o.Outcome.Findings.Distinct().Select(f => (JsonNode)index[f]).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// A report <see cref="Build"/> wrote, back as the run's outcomes with their findings; throws
    /// <see cref="FormatException"/> saying what does not match. A finding no unit row lists (a report
    /// from before rows listed theirs) is kept under stage "report", unit "unattributed".
    /// </summary>
    public static RunReport Read(string text)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e) { throw new FormatException($"not JSON ({e.Message})"); }
        if (root?["findings"] is not JsonArray findingRows || root["units"] is not JsonArray unitRows)
            throw new FormatException("no \"findings\" and \"units\" arrays in it");

        var findings = findingRows.Select((row, i) => ReadFinding(row, i)).ToList();
        var listed = new HashSet<int>();
        var report = new RunReport();
        foreach (var (row, i) in unitRows.Select((row, i) => (row, i)))
        {
            var own = new List<Finding>();
            foreach (var reference in row?["findings"] as JsonArray ?? [])
            {
                if (reference is not JsonValue v || !v.TryGetValue<int>(out var at) || at < 0 || at >= findings.Count)
                    throw new FormatException($"units[{i}].findings holds {reference?.ToJsonString() ?? "null"}, not an index into findings");
                own.Add(findings[at]);
                listed.Add(at);
            }
            var seconds = Number(row, "seconds", $"units[{i}]");
            report.Record(Text(row, "stage", $"units[{i}]"),
                [new UnitOutcome(Text(row, "unit", $"units[{i}]"), Text(row, "status", $"units[{i}]"), own, TimeSpan.FromSeconds(seconds))]);
        }
        var unattributed = findings.Where((_, i) => !listed.Contains(i)).ToList();
        if (unattributed.Count > 0) report.Record("report", "unattributed", unattributed, TimeSpan.Zero);
        return report;
    }

    private static Finding ReadFinding(JsonNode? row, int i)
    {
        var where = $"findings[{i}]";
        var severity = Text(row, "severity", where) switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "info" => Severity.Info,
            var other => throw new FormatException($"{where}.severity is {other}, not error, warning or info"),
        };
        var line = Number(row, "line", where);
        return Rule.Reported(Text(row, "rule", where), severity, Text(row, "object", where), Text(row, "file", where), (int)line,
            Text(row, "message", where), row?["fix"] is JsonValue fix && fix.TryGetValue<string>(out var text) ? text : null);
    }

    private static string Text(JsonNode? row, string name, string where) =>
        row?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new FormatException($"{where}.{name} is not a string");

    private static double Number(JsonNode? row, string name, string where) =>
        row?[name] is JsonValue v && v.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : throw new FormatException($"{where}.{name} is not a number");
}
