using GitOps.Build.Findings;
using GitOps.Build.Primitives;

namespace GitOps.Build.Config;

/// <summary>A path of the repository whose findings are not reported, and why (the reason is required).</summary>
public sealed record PathExclusion(string Path, string Reason, int Line)
{
    /// <summary>A folder excludes what is under it; otherwise the path is a glob (*, ?, {a,b}) over repository-relative paths.</summary>
    public bool Covers(string file)
    {
        var pattern = Path.TrimEnd('/');
        if (file == pattern || file.StartsWith(pattern + "/", StringComparison.Ordinal)) return true;
        return Glob.Matches(pattern, file); // its * crosses folders, so ** means the same
    }
}

/// <summary>
/// The repository configuration's <c>rules:</c> (a rule off, or at another severity, for the whole
/// repository) and <c>exclude:</c> (paths of vendored or third-party content), applied once to every
/// finding of the run as it is recorded (<see cref="Reporting.RunReport"/>), whichever stage made it.
/// </summary>
public sealed record FindingAdjustments(IReadOnlyDictionary<string, Severity?> Severities, IReadOnlyList<PathExclusion> Exclusions)
{
    public static FindingAdjustments None { get; } = new(new Dictionary<string, Severity?>(), []);

    public bool IsEmpty => Severities.Count == 0 && Exclusions.Count == 0;

    /// <summary>The finding as the configuration wants it reported; null when it is not reported at all.</summary>
    public Finding? Adjust(Finding finding)
    {
        if (Exclusions.Any(e => e.Covers(finding.File))) return null;
        if (!Severities.TryGetValue(finding.RuleId, out var severity)) return finding;
        return severity is { } s ? finding.WithSeverity(s) : null;
    }
}
