using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("FetchCert")]
[TaskArguments(typeof(RepositorySettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(FetchCertSettings))]
[TaskDescription("Fetches the Sealed Secrets controller's current certificate into the repository (or --output).")]
public sealed class FetchCertTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var output = context.Settings<FetchCertSettings>().Output ?? context.Repository.Config.SealingCertificate ?? Path.Combine(context.Root, SealingSupport.RepositoryCertificate);
        using var client = ClusterConnectionFactory.Create(ClusterArguments.Options(context.Settings<ClusterSettings>()));
        await new FetchCertOperation(client, ClusterArguments.Controller(context.Settings<ControllerSettings>()), new CakeClusterLog(context.Log)).RunAsync(output, context.Cancellation);
    }
}
