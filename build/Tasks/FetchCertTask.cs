using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Hosting;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

[TaskName("FetchCert")]
[TaskArguments(typeof(RepositorySettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(FetchCertSettings))]
[TaskDescription("Fetches the Sealed Secrets controller's current certificate into the repository (or --output).")]
public sealed class FetchCertTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var output = context.Settings<FetchCertSettings>().Output ?? context.Repository.Config.DefaultCertificate ?? Path.Combine(context.Root, CertificateDiscovery.UsualPlace);
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new FetchCertOperation(client, context.Settings<ControllerSettings>().Location(), new CakeClusterLog(context.Log)).RunAsync(output, context.Cancellation);
    }
}
