using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tasks;

[TaskName("Promote")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(PromoteSettings))]
[TaskDescription("Moves an image tag to the next environment (--app, --to, [--from|--tag], --force, --preview, --git-tag, --push): validated, then committed.")]
public sealed class PromoteTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<PromoteSettings>();
        var request = new PromotionRequest(settings.App, settings.To, settings.From, settings.Tag, settings.Force);
        var result = new PromoteOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log)
            .Run(new PromoteOptions(request, settings.Preview, settings.GitTag, settings.Push));
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
        context.Log.Say(result.Message);
    }
}
