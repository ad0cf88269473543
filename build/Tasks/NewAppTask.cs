using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using GitOps.Build.Scaffolding;

namespace GitOps.Build.Tasks;

[TaskName("NewApp")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(NewAppSettings), typeof(PullRequestSettings))]
[TaskDescription("Adds an app the way the repository lays out its apps (--name, --image, [--port] [--from] [--env] [--preview] [--pull-request]): every file for every environment, checked by CI on a scratch copy, then committed (or opened as a pull request).")]
public sealed class NewAppTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<NewAppSettings>();
        var request = new NewAppRequest(settings.Name, settings.ParsedImage, settings.Port, settings.From, settings.Environments);
        var result = await new NewAppOperation(context.Session, GitWorkingTree.Open(context.Root), context.Log, context.Rendering.Parallel, context.Cancellation,
            context.PullRequestDelivery)
            .RunAsync(request, settings.Preview);
        ScaffoldReport.Write(context.Log, result);
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
    }
}
