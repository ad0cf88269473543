using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Git;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("BackupKey")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(BackupKeySettings))]
[TaskDescription("Backs up every Sealed Secrets controller key to --output (v1 List, mode 0600) and shows what each key opens.")]
public sealed class BackupKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<BackupKeySettings>();
        WorkTreeGuard.Ensure(settings.Output, "the controller's private keys", settings.Force);
        var log = new CakeClusterLog(context.Log);
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new BackupKeyOperation(client, context.Settings<ControllerSettings>().Location(), log, new SealingValueOpener())
            .RunAsync(settings.Output, RepositorySealedSecrets.ForBackup(context.Session, log), context.Cancellation);
    }
}
