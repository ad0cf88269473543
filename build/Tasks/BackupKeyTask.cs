using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("BackupKey")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(BackupKeySettings))]
[TaskDescription("Backs up every Sealed Secrets controller key to --output (v1 List, mode 0600) and shows what each key opens.")]
public sealed class BackupKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<BackupKeySettings>();
        var output = settings.Output;
        WorkTreeGuard.Ensure(output, "the controller's private keys", settings.Force);
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new BackupKeyOperation(client, context.Settings<ControllerSettings>().Location(), new CakeClusterLog(context.Log), new SealingValueOpener())
            .RunAsync(output, SealedSecretsOrNone(context), context.Cancellation);
    }

    /// <summary>Which values each key opens is a bonus: a repository that does not render must not block a backup.</summary>
    private static IReadOnlyList<ManifestDocument> SealedSecretsOrNone(BuildContext context)
    {
        try
        {
            return RepositorySealedSecrets.Collect(context.Sealing);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.Warn($"Not reporting which sealed values each key opens: the repository's SealedSecrets could not be collected ({e.Message}).");
            return [];
        }
    }
}
