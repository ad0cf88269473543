using System.Text.Json.Nodes;

namespace GitOps.Build.Tests.Support;

/// <summary>One finding as a run's artifacts/reports/findings.json holds it.</summary>
public sealed record ReportedFinding(string Rule, string File, int Line, string Message)
{
    public override string ToString() => $"{Rule} {File}:{Line} {Message}";
}

/// <summary>The findings a run wrote to &lt;root&gt;/artifacts/reports/findings.json, and assertions on them that say what was reported instead.</summary>
public sealed class ReportedFindings(IReadOnlyList<ReportedFinding> all)
{
    public IReadOnlyList<ReportedFinding> All { get; } = all;

    public static ReportedFindings Read(string repositoryRoot) =>
        new(JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(repositoryRoot, "artifacts", "reports", "findings.json")))!["findings"]!.AsArray()
            .Select(f => new ReportedFinding(f!["rule"]!.GetValue<string>(), f["file"]!.GetValue<string>(), f["line"]!.GetValue<int>(), f["message"]!.GetValue<string>()))
            .ToList());

    /// <summary>Asserts a finding of <paramref name="rule"/> at <paramref name="file"/>:<paramref name="line"/> whose message holds <paramref name="containing"/>.</summary>
    public void AssertReported(string rule, string file, int line, string containing = "") =>
        Assert.True(All.Any(f => f.Rule == rule && f.File == file && f.Line == line && f.Message.Contains(containing, StringComparison.Ordinal)),
            $"{rule} at {file}:{line} ({containing}) not reported; got: {string.Join("; ", All)}");
}
