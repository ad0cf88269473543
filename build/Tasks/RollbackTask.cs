using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tasks;

[TaskName("Rollback")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(RollbackSettings), typeof(PromotionChangeSettings), typeof(PullRequestSettings))]
[TaskDescription("Puts an app in an environment back to the version before (--app, --env, [--to], --reason, --preview, --push | --pull-request) and holds it there: Promote refuses to move it until --force lifts the hold.")]
public sealed class RollbackTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<RollbackSettings>();
        var change = context.Settings<PromotionChangeSettings>();
        var result = new PromoteOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log).Rollback(
            new RollbackRequest(settings.App, settings.Environment, settings.To, settings.Reason, change.Preview, change.Push)
            {
                Image = change.Image,
                PullRequest = context.PullRequestDelivery,
            });
        if (result.ExitCode == ExitCodes.Usage) throw new UsageException(result.Message); // the command line lacks what decides it
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
        context.Log.Say(result.Message);
    }
}
