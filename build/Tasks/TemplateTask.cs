using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

/// <summary>Renders the run's units (see <see cref="BuildContext.TemplateAsync"/>) to artifacts/rendered; the rendered set is Validate's.</summary>
[TaskName("Template")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(SelectionSettings), typeof(ShardSettings), typeof(ToolPathSettings))]
[TaskDescription("Renders every Application source as Argo CD does (helm template, kubectl kustomize), to artifacts/rendered/<unit>.yaml.")]
[IsDependentOn(typeof(ToolsTask))]
public sealed class TemplateTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var rendered = await context.TemplateAsync();
        foreach (var outcome in rendered.Outcomes) context.Log.Say($"template {outcome.Unit}: {outcome.StatusText}");
    }
}
