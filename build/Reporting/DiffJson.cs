using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Changes;

namespace GitOps.Build.Reporting;

/// <summary>
/// The diff per resource as JSON (counts and names only: no object text, so no value of any kind),
/// the Applications changed as objects with the fields that differ (destinations, projects, sync
/// policies, revisions: names, not values), and the working tree's load problems.
/// </summary>
public static class DiffJson
{
    public static string Build(DiffResult diff) => new JsonObject
    {
        ["base"] = diff.BaseLabel,
        ["baseCommit"] = diff.BaseSha,
        ["head"] = "working tree",
        ["units"] = new JsonArray(diff.Units.Select(u => (JsonNode)new JsonObject
        {
            ["app"] = u.Application,
            ["unit"] = u.Id,
            ["environment"] = u.Environment,
            ["change"] = u.Touched.Change.ToString().ToLowerInvariant(),
            ["reasons"] = new JsonArray(u.Touched.Reasons.Select(r => (JsonNode)r).ToArray()),
            ["note"] = u.Note,
        }).ToArray()),
        ["applications"] = new JsonArray(diff.Applications.Select(a => (JsonNode)new JsonObject
        {
            ["app"] = a.Application,
            ["environment"] = a.Environment,
            ["change"] = a.Change.ToString().ToLowerInvariant(),
            ["fields"] = new JsonArray(a.Fields.Select(f => (JsonNode)new JsonObject { ["field"] = f.Field, ["before"] = f.Before, ["after"] = f.After }).ToArray()),
            ["added"] = a.Manifest.LinesAdded,
            ["removed"] = a.Manifest.LinesRemoved,
        }).ToArray()),
        ["problems"] = new JsonArray(diff.Problems.Select(f => (JsonNode)JsonReport.Row(f)).ToArray()),
        ["resources"] = new JsonArray(diff.Units.SelectMany(u => u.Resources.Select(r => (JsonNode)new JsonObject
        {
            ["app"] = u.Application,
            ["unit"] = u.Id,
            ["environment"] = u.Environment,
            ["group"] = r.Group,
            ["kind"] = r.Kind,
            ["namespace"] = r.Namespace,
            ["name"] = r.Name,
            ["change"] = r.Change.ToString().ToLowerInvariant(),
            ["added"] = r.LinesAdded,
            ["removed"] = r.LinesRemoved,
        })).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
