using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.IO;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// One object an Application deploys, as the cross-Application overlap check needs it: its
/// cluster and identity, where it is, and whether the object itself suppresses that check. A
/// --shard job writes those of its own Applications to artifacts/reports/objects.json, and
/// MergeReports runs <see cref="OverlapRule"/> over all jobs' (no job has to render every unit).
/// <see cref="Order"/> is the Application's place in the repository model, the same in every job,
/// so the first owner of an object is the same whole or merged. <see cref="File"/> is the repository
/// file that made it, <see cref="Line"/> its name's line there (where a finding on it points),
/// <see cref="StartLine"/> its document's (how another finding names it); a rendered object's
/// artifact and name line are <see cref="RenderedFile"/> and <see cref="RenderedLine"/>.
/// </summary>
public sealed record DeployedObject(int Order, int Position, string Application, string Cluster, string Identity,
    string Reference, string File, int Line, int StartLine, string Origin, bool Suppressed)
{
    public const string FileName = "objects.json";

    public string? RenderedFile { get; init; }
    public int RenderedLine { get; init; }

    /// <summary>
    /// The environment its Application belongs to when that environment was only inferred from names
    /// and the Application deploys to the cluster Argo CD runs in; null otherwise (see <see cref="OverlapRule"/>).
    /// </summary>
    public string? InferredEnvironment { get; init; }

    public static string Write(IEnumerable<DeployedObject> objects) =>
        new JsonObject
        {
            ["version"] = 1,
            ["objects"] = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
            {
                ["order"] = o.Order, ["position"] = o.Position, ["application"] = o.Application, ["cluster"] = o.Cluster,
                ["identity"] = o.Identity, ["reference"] = o.Reference, ["file"] = o.File, ["line"] = o.Line, ["startLine"] = o.StartLine,
                ["origin"] = o.Origin, ["suppressed"] = o.Suppressed,
                ["rendered"] = o.RenderedFile is { } rendered ? new JsonObject { ["file"] = rendered, ["line"] = o.RenderedLine } : null,
                ["inferredEnvironment"] = o.InferredEnvironment,
            }).ToArray()),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <exception cref="FormatException">Not an objects.json a run wrote; names the field (checked by <see cref="ReportFields"/>).</exception>
    public static IReadOnlyList<DeployedObject> Read(string json)
    {
        var parsed = ReportFields.Parse(json);
        if (parsed is not JsonObject root) throw new FormatException("not a JSON object");
        if (root["version"] is not JsonValue version || !version.TryGetValue<int>(out var v) || v != 1 || root["objects"] is not JsonArray items)
            throw new FormatException("no version 1 objects list");
        return items.Select((i, n) =>
        {
            var where = $"objects[{n}]";
            var rendered = i?["rendered"] as JsonObject;
            return new DeployedObject(
                (int)ReportFields.WholeNumber(i, "order", where, int.MaxValue), (int)ReportFields.WholeNumber(i, "position", where, int.MaxValue),
                ReportFields.Text(i, "application", where), ReportFields.Text(i, "cluster", where),
                ReportFields.Text(i, "identity", where), ReportFields.Text(i, "reference", where),
                ReportFields.File(i, "file", where), ReportFields.Line(i, "line", where), ReportFields.Line(i, "startLine", where),
                ReportFields.Text(i, "origin", where), ReportFields.Flag(i, "suppressed", where))
            {
                RenderedFile = rendered is null ? null : ReportFields.File(rendered, "file", where + ".rendered"),
                RenderedLine = rendered is null ? 0 : ReportFields.Line(rendered, "line", where + ".rendered"),
                InferredEnvironment = ReportFields.OptionalText(i, "inferredEnvironment", where),
            };
        }).ToList();
    }
}
