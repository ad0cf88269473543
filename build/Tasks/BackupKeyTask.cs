using GitOps.Build.Cluster;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

[TaskName("BackupKey")]
[TaskDescription("Backs up every Sealed Secrets controller key to --output (v1 List, mode 0600) and shows what each key opens.")]
public sealed class BackupKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var args = context.Args;
        var output = Path.GetFullPath(args.Reader.Required("output", "where to write the key backup, e.g. --output=../key-backups/keys-2026-11.yaml (outside git)"), args.WorkingDirectory);
        WorkTreeGuard.Ensure(output, "the controller's private keys", args.Reader.Flag("force"));
        using var client = ClusterConnectionFactory.Create(ClusterArguments.Options(args));
        await new BackupKeyOperation(client, ClusterArguments.Controller(args), new CakeClusterLog(context.Log), new SealingValueOpener())
            .RunAsync(output, SealedSecretsOrNone(context));
    }

    /// <summary>Which values each key opens is a bonus: a repository that does not render must not block a backup.</summary>
    private static IReadOnlyList<ManifestDocument> SealedSecretsOrNone(BuildContext context)
    {
        try
        {
            return RepositorySealedSecrets.Collect(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.Warn($"Not reporting which sealed values each key opens: the repository's SealedSecrets could not be collected ({e.Message}).");
            return [];
        }
    }
}
