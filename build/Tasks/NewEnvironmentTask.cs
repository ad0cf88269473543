using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using GitOps.Build.Scaffolding;

namespace GitOps.Build.Tasks;

[TaskName("NewEnvironment")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(NewEnvironmentSettings), typeof(PullRequestSettings))]
[TaskDescription("Adds an environment right after or before another (--name, --after or --before, [--namespace] [--preview] [--pull-request]): its promotion order and policy (environments only inferred from names declared first), every app's files copied with the tags they run there, checked by CI on a scratch copy, then committed (or opened as a pull request).")]
public sealed class NewEnvironmentTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<NewEnvironmentSettings>();
        var result = await new NewEnvironmentOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log, context.Rendering.Parallel, context.Cancellation,
            context.PullRequestDelivery)
            .RunAsync(new NewEnvironmentRequest(settings.Name, settings.Place, settings.Namespace), settings.Preview);
        ScaffoldReport.Write(context.Log, result);
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
    }
}
