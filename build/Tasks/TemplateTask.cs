using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("Template")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(SelectionSettings), typeof(ShardSettings), typeof(ToolPathSettings))]
[TaskDescription("Renders every Application source as Argo CD does (helm template, kubectl kustomize), to artifacts/rendered/<unit>.yaml.")]
[IsDependentOn(typeof(ToolsTask))]
public sealed class TemplateTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var stage = new TemplateStage(context.Renderer, context.Rendering.Parallel);
        // Job 1 of a sharded run renders the other jobs' units too, for the repository-wide checks;
        // their outcomes are the owning job's to report.
        var shard = context.Shard;
        var (all, rendered) = await stage.RunAsync(shard.ToRender, context.Cancellation);
        var outcomes = all.Where(o => shard.Owns(o.Unit)).ToList();
        context.Report.Record("template", outcomes);
        context.Rendered.AddRange(rendered);
        context.Rendered.AddRange(await ChangeSupport.RenderUntouchedAsync(context)); // --since: for Validate's repository-wide checks only
        foreach (var outcome in outcomes) context.Log.Say($"template {outcome.Unit}: {outcome.Status}");
    }
}
