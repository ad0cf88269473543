using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("RestoreKey")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(RestoreKeySettings))]
[TaskDescription("Restores Sealed Secrets keys from --input, restarts the controller and proves it opens the repository's SealedSecrets.")]
public sealed class RestoreKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<RestoreKeySettings>();
        var log = new CakeClusterLog(context.Log);
        var options = new RestoreKeyOptions
        {
            Input = settings.Input,
            SealedSecrets = RepositorySealedSecrets.ForRestore(context.Session, settings.Force, log),
            Force = settings.Force,
            Controller = context.Settings<ControllerSettings>().Location(),
        };
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new RestoreKeyOperation(client, options, log, new SealingValueOpener()).RunAsync(context.Cancellation);
    }
}
