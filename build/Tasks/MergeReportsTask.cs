using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>
/// Joins the reports of the jobs of a --shard run into one set in artifacts/reports. The merged
/// run becomes this run's report, so <see cref="ReportLifetime"/> writes it through the same writers
/// as any run (JUnit, JSON, SARIF, durations, console table, annotations) and fails on an error.
/// </summary>
[TaskName("MergeReports")]
[TaskArguments(typeof(MergeSettings))]
[TaskDescription("Joins the reports of --shard jobs (--input=<dir>,<dir>...) into one set in artifacts/reports; fails when the merged findings hold an error.")]
public sealed class MergeReportsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var merged = context.ShardReports.Merged();
        foreach (var (stage, outcome) in merged.Outcomes) context.Report.Record(stage, [outcome]);
        context.Log.Say($"merged {context.ShardReports.Reports.Count} report(s): {merged.Outcomes.Count} unit rows, {merged.Findings.Count} findings ({merged.ErrorCount} errors)");
    }
}
