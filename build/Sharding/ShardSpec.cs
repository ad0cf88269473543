using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Build.Sharding;

/// <summary>
/// <c>--shard=k/n</c>: this run is job k of n CI jobs that share one repository's render units.
/// </summary>
public sealed partial record ShardSpec(int Index, int Count)
{
    /// <summary>More jobs than this is a typo, not a CI matrix.</summary>
    public const int MaxCount = 256;

    public const string Form = "k/n: job k of n jobs, 1 <= k <= n <= 256 (e.g. --shard=2/4)";

    /// <summary>Shard 1 also runs the checks that look at the whole repository (see ShardPlan).</summary>
    public bool IsFirst => Index == 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>The shard, or null with what is wrong with <paramref name="text"/>.</summary>
    public static ShardSpec? Parse(string text, out string? problem)
    {
        problem = null;
        var match = Shape().Match(text);
        if (!match.Success ||
            !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ||
            !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            problem = "is not of the form k/n";
        }
        else if (n < 1 || n > MaxCount) problem = $"has {n} jobs";
        else if (k < 1 || k > n) problem = $"names job {k} of {n}";
        else return new ShardSpec(k, n);
        return null;
    }

    [GeneratedRegex(@"^\s*([0-9]{1,9})\s*/\s*([0-9]{1,9})\s*$")]
    private static partial Regex Shape();
}
