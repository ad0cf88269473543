using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// One object an Application deploys, as the cross-Application overlap check needs it: its
/// cluster and identity, where it is, and whether the object itself suppresses that check. A
/// --shard job writes those of its own Applications to artifacts/reports/objects.json, and
/// MergeReports runs <see cref="OverlapRule"/> over all jobs' (no job has to render every unit).
/// <see cref="Order"/> is the Application's place in the repository model, the same in every job,
/// so the first owner of an object is the same whole or merged. <see cref="Line"/> is its name's
/// line (where a finding on it points), <see cref="StartLine"/> its document's (how another finding names it).
/// </summary>
public sealed record DeployedObject(int Order, int Position, string Application, string Cluster, string Identity,
    string Reference, string File, int Line, int StartLine, string Origin, bool Suppressed)
{
    public const string FileName = "objects.json";

    public static string Write(IEnumerable<DeployedObject> objects) =>
        new JsonObject
        {
            ["version"] = 1,
            ["objects"] = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
            {
                ["order"] = o.Order, ["position"] = o.Position, ["application"] = o.Application, ["cluster"] = o.Cluster,
                ["identity"] = o.Identity, ["reference"] = o.Reference, ["file"] = o.File, ["line"] = o.Line, ["startLine"] = o.StartLine,
                ["origin"] = o.Origin, ["suppressed"] = o.Suppressed,
            }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <exception cref="FormatException">Not an objects.json a run wrote.</exception>
    public static IReadOnlyList<DeployedObject> Read(string json)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
            if (root["version"]?.GetValue<int>() != 1 || root["objects"] is not JsonArray items) throw new FormatException("no version 1 objects list");
            return items.Select(i => new DeployedObject(
                i!["order"]!.GetValue<int>(), i["position"]!.GetValue<int>(), i["application"]!.GetValue<string>(), i["cluster"]!.GetValue<string>(),
                i["identity"]!.GetValue<string>(), i["reference"]!.GetValue<string>(), i["file"]!.GetValue<string>(), i["line"]!.GetValue<int>(),
                i["startLine"]!.GetValue<int>(), i["origin"]!.GetValue<string>(), i["suppressed"]!.GetValue<bool>())).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
