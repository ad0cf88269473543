using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("Template")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(SelectionSettings), typeof(ShardSettings), typeof(ToolPathSettings))]
[TaskDescription("Renders every Application source as Argo CD does (helm template, kubectl kustomize), to artifacts/rendered/<unit>.yaml.")]
[IsDependentOn(typeof(ToolsTask))]
public sealed class TemplateTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        context.RecordLoadProblems("template");
        var stage = new TemplateStage(context.Renderer, context.Rendering.Parallel);
        var (outcomes, rendered) = await stage.RunAsync(context.SelectedUnits(), context.Cancellation);
        context.Report.Record("template", outcomes);
        context.Rendered.AddRange(rendered);
        // --since: the rest, for Validate's repository-wide checks only.
        var selection = context.Settings<SelectionSettings>();
        context.Rendered.AddRange(await TouchedUnits.RenderUntouchedAsync(context.TouchedSince, context.Model.UnitsOf(selection.App, selection.Environment),
            context.Renderer, context.Rendering.Parallel, context.Cancellation));
        foreach (var outcome in outcomes) context.Log.Say($"template {outcome.Unit}: {outcome.Status}");
    }
}
