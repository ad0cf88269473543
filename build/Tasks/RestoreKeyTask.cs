using GitOps.Build.Cluster;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("RestoreKey")]
[TaskDescription("Restores Sealed Secrets keys from --input, restarts the controller and proves it opens the repository's SealedSecrets.")]
public sealed class RestoreKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var args = context.Args;
        var options = new RestoreKeyOptions
        {
            Input = Path.GetFullPath(args.Reader.Required("input", "the key backup written by BackupKey"), args.WorkingDirectory),
            SealedSecretFiles = ClusterArguments.SealedSecretFiles(args.RepositoryRoot),
            Force = args.Reader.Flag("force"),
            Controller = ClusterArguments.Controller(args),
        };
        using var client = ClusterConnectionFactory.Create(ClusterArguments.Options(args));
        await new RestoreKeyOperation(client, options, new CakeClusterLog(context.Log), new SealingValueOpener()).RunAsync();
    }
}
