using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

/// <summary>
/// Checks what Template rendered in this run (see <see cref="Validation"/>). Run alone
/// (<c>--target=Validate --exclusive</c>) it renders the run's units itself first, as Template would.
/// </summary>
[TaskName("Validate")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(CertificateSettings), typeof(ValidateSettings), typeof(ShardSettings))]
[TaskDescription("Schema, policy, environment, consistency and sealing checks on the rendered objects and the Argo CD manifests (--key-file: sealed values must open).")]
[IsDependentOn(typeof(TemplateTask))]
public sealed class ValidateTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var rendered = context.Rendered ?? await RenderAlone(context);
        var result = new Validation(context.Session, context.Units.Shard.Scope, context.Settings<ValidateSettings>().KeyFile, context.Log)
            .Run(rendered, context.Report.Findings.ToHashSet());
        // A --shard job leaves overlaps between Applications to MergeReports, from what each job deploys.
        context.Report.DeployedObjects = result.DeployedObjects;
        context.Report.Record("validate", "repository", result.Repository, result.RepositoryTime);
        context.Report.Record("validate", "sealing", result.Sealing, result.SealingTime); // SEALING-CERT, -MALFORMED, -LABEL (--key-file)
    }

    private static Task<RenderedSet> RenderAlone(BuildContext context)
    {
        context.Log.Say($"validate: Template did not run (--exclusive); rendering the {context.Units.Owned.Count} units it would render first");
        return context.TemplateAsync();
    }
}
