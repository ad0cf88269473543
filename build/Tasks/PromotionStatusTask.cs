using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Promotion;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("PromotionStatus")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings))]
[TaskDescription("Shows, from what each environment renders, every app's image reference per environment, the commit that set it, holds, and which environments are behind.")]
public sealed class PromotionStatusTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        PromotionStatusTable.Write(context.Console, new PromoteOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log).Status());
}
