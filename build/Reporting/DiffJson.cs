using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Changes;

namespace GitOps.Build.Reporting;

/// <summary>The diff per resource as JSON (counts and names only: no object text, so no value of any kind).</summary>
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
