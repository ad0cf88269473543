using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tasks;

[TaskName("Promote")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(PromoteSettings), typeof(PromotionChangeSettings), typeof(PullRequestSettings))]
[TaskDescription("Moves an app's image to the next environment (--app, --to, [--from|--tag], --force, --preview, --git-tag, --push | --pull-request): found and proven by rendering, validated, then committed.")]
public sealed class PromoteTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<PromoteSettings>();
        var change = context.Settings<PromotionChangeSettings>();
        var request = new PromotionRequest(settings.App, settings.To, settings.From, settings.Tag, settings.Force);
        var result = new PromoteOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log).Run(
            new PromoteOptions(request, change.Preview, settings.GitTag, change.Push)
            {
                Image = change.Image,
                PullRequest = context.PullRequestDelivery,
            });
        if (result.ExitCode == ExitCodes.Usage) throw new UsageException(result.Message); // the command line lacks what decides it
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
        context.Log.Say(result.Message);
    }
}
