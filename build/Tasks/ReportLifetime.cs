using Cake.Core;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tasks;

/// <summary>
/// After the last task: if any check stage ran, write the console table, JUnit XML, JSON and (on
/// GitHub Actions) annotations, then fail the run when an error was found. Cake raises an
/// exception thrown here as the run's failure, so the exit code tells CI.
/// </summary>
public sealed class ReportLifetime(IAnsiConsole console) : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info) { }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        if (context.Report.IsEmpty) return;
        var files = ReportWriter.Write(context.Report, context.Args.Artifacts, console, context.Environment.GetEnvironmentVariable);
        context.Log.Say($"reports: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Args.RepositoryRoot, f)))}");
        if (context.Report.ErrorCount > 0)
        {
            throw new CakeException($"{context.Report.ErrorCount} error(s) found; see the table above and {IO.RepoPath.Relative(context.Args.RepositoryRoot, context.Args.Artifacts)}/reports/.");
        }
    }
}
