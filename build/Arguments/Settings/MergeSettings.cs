using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments.Settings;

/// <summary>--input of MergeReports: the folders holding each --shard job's reports (read in the pre-run check, before the run starts).</summary>
public sealed class MergeSettings : ICheckedSettings
{
    [Argument("input", "The folders holding each --shard job's artifacts/reports (findings.json in it, or in its reports/ or artifacts/reports/), comma-separated.",
        Value = "dir[,dir...]", Required = true)]
    public string Input { get; set; } = "";

    /// <summary>
    /// Where the merged reports go: declared here so that MergeReports takes --artifacts without the
    /// rendering arguments it has no use for; the run reads it through RenderSettings as every run does.
    /// </summary>
    [Argument("artifacts", "Where the merged reports go (in its reports/), relative to the repository this program runs from.", Value = "dir")]
    public string Artifacts { get; set; } = "artifacts";

    /// <summary>The folders given, as written (read in the pre-run check: Reporting.ShardReports).</summary>
    public IReadOnlyList<string> Folders { get; private set; } = [];

    public void Check(ArgumentBinder binder)
    {
        var folders = Input.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (folders.Length == 0) throw new UsageException("--input= names no folder; give the folders holding each shard's reports, e.g. --input=shard-1,shard-2.");
        Folders = folders.Distinct().ToList();
    }
}
