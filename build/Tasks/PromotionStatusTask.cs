using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Promotion;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("PromotionStatus")]
[TaskArguments(typeof(RepositorySettings))]
[TaskDescription("Shows every app's image tag per environment, the commit that set it, and which environments are behind.")]
public sealed class PromotionStatusTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        PromotionStatusTable.Write(context.Console, PromotionStatus.Of(GitWorkingTree.Open(context.Root), context.Session.Model));
}
