using Cake.Core;
using Cake.Core.Diagnostics;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tests.Hosting;

/// <summary>The task summary never shows a stage that found errors as "Succeeded" above "CI failed".</summary>
public sealed class FindingsReportPrinterTests
{
    private sealed class Capture : ICakeReportPrinter
    {
        public CakeReport? Written { get; private set; }
        public void Write(CakeReport report) => Written = report;
        public void WriteStep(string name, Verbosity verbosity) { }
        public void WriteLifeCycleStep(string name, Verbosity verbosity) { }
        public void WriteSkippedStep(string name, Verbosity verbosity) { }
    }

    [Fact]
    public void A_task_that_found_errors_is_shown_failed_and_the_others_as_they_ran()
    {
        var report = new CakeReport();
        report.Add("Lint", CakeReportEntryCategory.Task, TimeSpan.FromSeconds(1));
        report.Add("Validate", CakeReportEntryCategory.Task, TimeSpan.FromSeconds(2));
        report.AddSkipped("Diff", "not a target");
        var capture = new Capture();
        var outcome = new RunOutcome();
        outcome.StagesFailed(["validate", "diff"]);
        new FindingsReportPrinter(capture, outcome).Write(report);

        var shown = capture.Written!.ToDictionary(e => e.TaskName, e => e.ExecutionStatus);
        Assert.Equal(CakeTaskExecutionStatus.Executed, shown["Lint"]);
        Assert.Equal(CakeTaskExecutionStatus.Failed, shown["Validate"]);
        Assert.Equal(CakeTaskExecutionStatus.Skipped, shown["Diff"]);
        Assert.Equal(TimeSpan.FromSeconds(2), capture.Written!.Single(e => e.TaskName == "Validate").Duration);
    }
}
