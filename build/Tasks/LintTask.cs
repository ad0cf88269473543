using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("Lint")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(SelectionSettings), typeof(ShardSettings), typeof(ToolPathSettings))]
[TaskDescription("Lints every Application source: helm lint --strict of a chart with its values, a kustomize build of an overlay (--app/--env narrow it).")]
[IsDependentOn(typeof(ToolsTask))]
public sealed class LintTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        context.RecordLoadProblems("lint");
        var outcomes = await context.Session.Renderer.LintAllAsync(context.Units.Owned, context.Rendering.Parallel, context.Cancellation);
        context.Report.Record("lint", outcomes);
        foreach (var outcome in outcomes) context.Log.Say($"lint {outcome.Unit}: {outcome.StatusText}");
    }
}
