using GitOps.Build.GitOps;

namespace GitOps.Build.Sharding;

/// <summary>
/// Splits render units over n jobs: every unit in exactly one, the same split in every job
/// (it depends only on the units, n and the durations file every job is given).
/// </summary>
public static class ShardPlanner
{
    /// <summary>
    /// Greedy longest-processing-time: the units of one Application go together (the Application's
    /// checks look at all its sources at once, so one job must hold them all), heaviest first, each
    /// to the job it leaves lightest (the lowest-numbered on a tie). An Application's weight is the
    /// sum of its units' recorded seconds; a unit with no record counts as the mean of the recorded
    /// ones (1 when there are none), and equal weights are ordered by a stable hash of the first unit
    /// id, so without durations the Applications are dealt round-robin in hash order.
    /// </summary>
    /// <returns>The units of each job, job 1 first, each in the order given.</returns>
    public static IReadOnlyList<IReadOnlyList<RenderUnit>> Assign(IReadOnlyList<RenderUnit> units, int count,
        IReadOnlyDictionary<string, double>? durations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var weight = Weights(units, durations ?? new Dictionary<string, double>(), 1.0);

        var groups = units.GroupBy(u => u.Application)
            .Select(g => (Units: g.ToList(), Key: g.Select(u => u.Id).Min(StringComparer.Ordinal)!, Weight: g.Sum(weight)))
            .OrderByDescending(g => g.Weight)
            .ThenBy(g => StableHash.Of(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

        var load = new double[count];
        var owner = new Dictionary<string, int>(StringComparer.Ordinal); // unit ids are unique in the model
        foreach (var group in groups)
        {
            var best = 0;
            for (var i = 1; i < count; i++) if (load[i] < load[best]) best = i;
            load[best] += group.Weight;
            foreach (var unit in group.Units) owner[unit.Id] = best;
        }
        return Enumerable.Range(0, count).Select(i => (IReadOnlyList<RenderUnit>)units.Where(u => owner[u.Id] == i).ToList()).ToList();
    }

    /// <summary>Each unit's recorded seconds; a unit with none, the mean of the recorded ones (<paramref name="none"/> when no unit has any).</summary>
    private static Func<RenderUnit, double> Weights(IReadOnlyList<RenderUnit> units, IReadOnlyDictionary<string, double> seconds, double none)
    {
        var known = units.Where(u => seconds.ContainsKey(u.Id)).Select(u => seconds[u.Id]).ToList();
        var unknown = known.Count > 0 ? known.Average() : none;
        return u => seconds.TryGetValue(u.Id, out var s) ? s : unknown;
    }
}
