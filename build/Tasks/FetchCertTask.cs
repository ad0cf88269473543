using GitOps.Build.Cluster;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("FetchCert")]
[TaskDescription("Fetches the Sealed Secrets controller's current certificate into the repository (or --output).")]
public sealed class FetchCertTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var args = context.Args;
        var output = args.Reader.Path("output", args.WorkingDirectory) ?? Path.Combine(args.RepositoryRoot, SealingSupport.RepositoryCertificate);
        using var client = ClusterConnectionFactory.Create(ClusterArguments.Options(args));
        await new FetchCertOperation(client, ClusterArguments.Controller(args), new CakeClusterLog(context.Log)).RunAsync(output);
    }
}
