using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.IO;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;

namespace GitOps.Build.Sharding;

/// <summary>What a run recorded of its units' seconds (see <see cref="UnitDurations"/>).</summary>
/// <param name="Units">Lint and template together, by unit id.</param>
public sealed record RecordedDurations(IReadOnlyDictionary<string, double> Units);

/// <summary>
/// artifacts/reports/durations.json: the seconds each render unit took in a run, which
/// <c>--durations=</c> hands to the next sharded run to balance the jobs by.
/// <code>{ "version": 1, "units": { "&lt;unit id&gt;": 1.234, ... } }</code>
/// (A "template" object that earlier runs wrote beside it is ignored.)
/// Validate's rows are left out: they are about the repository, not a unit, and no job can move them.
/// </summary>
public static class UnitDurations
{
    public const string FileName = "durations.json";

    private static readonly string[] UnitStages = ["lint", "template"];

    /// <summary>Each unit's lint and template seconds of a run (its report's outcomes, stage by stage), by unit id in order.</summary>
    public static string Build(IEnumerable<(string Stage, UnitOutcome Outcome)> outcomes)
    {
        var units = new JsonObject();
        foreach (var unit in outcomes.Where(o => UnitStages.Contains(o.Stage))
                     .GroupBy(o => o.Outcome.Unit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            units[unit.Key] = Math.Round(unit.Sum(o => o.Outcome.Duration.TotalSeconds), 3);
        return new JsonObject { ["version"] = 1, ["units"] = units }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>--durations: the file a run wrote, read before the run starts.</summary>
    /// <exception cref="InputException">No such file, or not a durations.json (what is wrong with it).</exception>
    public static RecordedDurations ReadFile(string file)
    {
        if (!File.Exists(file)) throw new InputException($"--durations={file}: no such file. Give the durations.json a run wrote to artifacts/reports, or leave --durations out.");
        try { return Read(IO.ReportFields.ReadFile(file)); }
        catch (FormatException e) { throw new InputException($"--durations={file}: {e.Message}; give the durations.json a run wrote to artifacts/reports."); }
    }

    /// <summary>The seconds by unit id; throws <see cref="FormatException"/> saying what is wrong with the file.</summary>
    public static RecordedDurations Read(string text)
    {
        var root = IO.ReportFields.Parse(text);
        if (ReportFields.Get(root, "units") is not JsonObject units) throw new FormatException("no \"units\" object in it");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (unit, value) in units)
        {
            // Bounded as every duration read back is (ReportFields): sums of them must stay finite.
            if (value is JsonValue v && v.TryGetValue<double>(out var s) && s is >= 0 and <= ReportFields.MaxSeconds) result[unit] = s;
            else throw new FormatException($"units.{unit} is {value?.ToJsonString() ?? "null"}, not a number of seconds (0 to {ReportFields.MaxSeconds:N0})");
        }
        return new RecordedDurations(result);
    }
}
