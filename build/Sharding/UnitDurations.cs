using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Reporting;

namespace GitOps.Build.Sharding;

/// <summary>
/// artifacts/reports/durations.json: the seconds each render unit took in a run (its lint and
/// template together), which <c>--durations=</c> hands to the next sharded run to balance the jobs by.
/// <code>{ "version": 1, "units": { "&lt;unit id&gt;": 1.234, ... } }</code>
/// Validate's rows are left out: they are about the repository, not a unit, and no job can move them.
/// </summary>
public static class UnitDurations
{
    public const string FileName = "durations.json";

    private static readonly string[] UnitStages = ["lint", "template"];

    public static IReadOnlyDictionary<string, double> Of(RunReport report) =>
        report.Outcomes.Where(o => UnitStages.Contains(o.Stage))
            .GroupBy(o => o.Outcome.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(o => o.Outcome.Duration.TotalSeconds), 3), StringComparer.Ordinal);

    public static string Build(RunReport report)
    {
        var units = new JsonObject();
        foreach (var (unit, seconds) in Of(report).OrderBy(kv => kv.Key, StringComparer.Ordinal)) units[unit] = seconds;
        return new JsonObject { ["version"] = 1, ["units"] = units }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The seconds by unit id; throws <see cref="FormatException"/> saying what is wrong with the file.</summary>
    public static IReadOnlyDictionary<string, double> Read(string text)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(text); }
        catch (JsonException e) { throw new FormatException($"not JSON ({e.Message})"); }
        if (root?["units"] is not JsonObject units) throw new FormatException("no \"units\" object in it");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (unit, value) in units)
        {
            if (value is JsonValue v && v.TryGetValue<double>(out var seconds) && seconds >= 0 && double.IsFinite(seconds)) result[unit] = seconds;
            else throw new FormatException($"units.{unit} is {value?.ToJsonString() ?? "null"}, not a number of seconds");
        }
        return result;
    }
}
