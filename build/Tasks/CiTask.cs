using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

/// <summary>
/// The offline pipeline. Its stages record findings instead of failing, so one run reports
/// everything; <see cref="ReportLifetime"/> writes the reports and fails the run at the end.
/// </summary>
[TaskName("CI")]
[TaskArguments(typeof(SinceSettings))]
[TaskDescription("The offline pipeline: Tools, Lint, Template, Validate; reports in artifacts/reports; fails at the end on any error.")]
[IsDependentOn(typeof(ToolsTask))]
[IsDependentOn(typeof(LintTask))]
[IsDependentOn(typeof(ValidateTask))]
public sealed class CiTask : FrostingTask<BuildContext>;
