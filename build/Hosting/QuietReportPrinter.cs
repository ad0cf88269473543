using Cake.Core;
using Cake.Core.Diagnostics;

namespace GitOps.Build.Hosting;

/// <summary>Prints task headers as usual but no summary table (<c>--no-report</c>).</summary>
internal sealed class QuietReportPrinter(ICakeReportPrinter inner) : ICakeReportPrinter
{
    public void Write(CakeReport report) { }
    public void WriteStep(string name, Verbosity verbosity) => inner.WriteStep(name, verbosity);
    public void WriteLifeCycleStep(string name, Verbosity verbosity) => inner.WriteLifeCycleStep(name, verbosity);
    public void WriteSkippedStep(string name, Verbosity verbosity) => inner.WriteSkippedStep(name, verbosity);
}
