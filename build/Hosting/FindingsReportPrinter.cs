using Cake.Core;
using Cake.Core.Diagnostics;

namespace GitOps.Build.Hosting;

/// <summary>
/// Cake's task summary, with a task that found errors shown as failed: findings are not an
/// exception, so Cake would show every stage "Succeeded" right above "CI failed: N errors".
/// The run's <paramref name="outcome"/> says, once the run is over, which stages found errors.
/// </summary>
internal sealed class FindingsReportPrinter(ICakeReportPrinter inner, RunOutcome outcome) : ICakeReportPrinter
{
    public void Write(CakeReport report)
    {
        var failed = outcome.FailedStages;
        if (failed.Count == 0)
        {
            inner.Write(report);
            return;
        }
        var shown = new CakeReport();
        foreach (var entry in report)
        {
            var status = entry.ExecutionStatus == CakeTaskExecutionStatus.Executed && failed.Contains(entry.TaskName)
                ? CakeTaskExecutionStatus.Failed : entry.ExecutionStatus;
            shown.Add(entry.TaskName, entry.SkippedMessage, entry.Category, entry.Duration, status);
        }
        inner.Write(shown);
    }

    public void WriteStep(string name, Verbosity verbosity) => inner.WriteStep(name, verbosity);
    public void WriteLifeCycleStep(string name, Verbosity verbosity) => inner.WriteLifeCycleStep(name, verbosity);
    public void WriteSkippedStep(string name, Verbosity verbosity) => inner.WriteSkippedStep(name, verbosity);
}

