using Cake.Core;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build;

/// <summary>
/// After the last task: if any check stage ran, write the console table, JUnit XML, JSON and (on
/// GitHub Actions) annotations. Errors fail the run through the host's <see cref="RunOutcome"/>, which
/// prints the closing line last before exiting 1: findings are not an exception, so no stack trace or
/// "teardown action" banner follows the table.
/// </summary>
public sealed class ReportLifetime(IAnsiConsole console, RunOutcome outcome) : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info) { }

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        if (context.Report.IsEmpty) return;
        var files = ReportWriter.Write(context.Report, context.Artifacts, console, context.Environment.GetEnvironmentVariable,
            full: context.Log.Verbosity >= Cake.Core.Diagnostics.Verbosity.Verbose);
        context.Log.Say($"reports: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Root, f)))}");
        outcome.StagesFailed(context.Report.StagesWithErrors);
        var errors = context.Report.ErrorCount;
        if (errors == 0) return;
        var warnings = context.Report.Findings.Count(f => f.Severity == Findings.Severity.Warning);
        var json = files.FirstOrDefault(f => f.EndsWith(".json", StringComparison.Ordinal)) is { } j ? IO.RepoPath.Relative(context.Root, j) : "artifacts/reports";
        outcome.Fail($"{Count(errors, "error")}, {Count(warnings, "warning")} ({json})");
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
