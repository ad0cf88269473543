using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.Reporting;

/// <summary>The findings and per-unit outcomes as JSON, for tools and dashboards.</summary>
public static class JsonReport
{
    public static string Build(RunReport report)
    {
        var root = new JsonObject
        {
            ["errors"] = report.ErrorCount,
            ["findings"] = new JsonArray(report.Findings.Select(f => (JsonNode)new JsonObject
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
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
